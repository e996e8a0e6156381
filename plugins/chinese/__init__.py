"""Chinese text: script conversion (OpenCC) and full-width punctuation.

TEMPORARY: ``brief.py`` still imports these three names from ``.chinese``; they live in
:mod:`convert.toolkit`. Remove the import once brief imports the toolkit.
"""

from convert.toolkit import find_dates, is_chinese, is_simplified

__all__ = ["find_dates", "is_chinese", "is_simplified"]
