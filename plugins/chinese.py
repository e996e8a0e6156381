"""TEMPORARY: ``brief.py`` still imports these from here; they live in
:mod:`convert.toolkit`. Remove this module once brief imports the toolkit."""

from convert.toolkit import find_dates, is_chinese, is_simplified

__all__ = ["find_dates", "is_chinese", "is_simplified"]
