"""The names a DOCX is built from: the document's fonts and Word locale, docconv's styles.

Plain data without python-docx: the writer needs them on every render, also when the
styled template comes from the cache; ``docx_styles`` applies them with python-docx.
"""

from __future__ import annotations

from typing import NamedTuple

from convert.toolkit import is_simplified, japanese_or_korean_tag

SOURCE_STYLE = "Source Line"
"""The named style of the source-and-date line under the headline."""
CAPTION_STYLE = "Caption"
"""The paragraph style of an image's caption (Word's own)."""
CODE_STYLE = "Source Code"
"""The paragraph style of code blocks (pandoc's name, so each reads the other's)."""
LATIN_CODE = "Courier New"
"""The monospace face of code (LibreOffice shows Liberation Mono, metric-compatible)."""

# East Asian (body, heading) fonts per Word locale. Noto Serif/Sans CJK (Source Han) are the
# free Ming/Song/Mincho/Batang and Hei/Gothic faces installable everywhere and LibreOffice's
# usual CJK fonts; each is declared in the font table with the Windows font Word substitutes
# where it is missing.
DEFAULT_FONTS = {
    "zh-TW": ("Noto Serif CJK TC", "Noto Sans CJK TC"),
    "zh-HK": ("Noto Serif CJK TC", "Noto Sans CJK HK"),
    "zh-CN": ("Noto Serif CJK SC", "Noto Sans CJK SC"),
    "ja-JP": ("Noto Serif CJK JP", "Noto Sans CJK JP"),
    "ko-KR": ("Noto Serif CJK KR", "Noto Sans CJK KR"),
}
WINDOWS_FONTS = {
    "zh-TW": ("PMingLiU", "Microsoft JhengHei"),
    "zh-HK": ("MingLiU_HKSCS", "Microsoft JhengHei"),
    "zh-CN": ("SimSun", "Microsoft YaHei"),
    "ja-JP": ("MS Mincho", "MS Gothic"),
    "ko-KR": ("Batang", "Malgun Gothic"),
}
_OTHER_LOCALES = {"ja": "ja-JP", "ko": "ko-KR"}
"""Word's locale for each tag of :func:`convert.toolkit.japanese_or_korean_tag`."""


class Fonts(NamedTuple):
    """The fonts and language of one document; ``None`` fonts keep what the styles have."""

    locale: str
    body: str | None
    heading: str | None


def locale_for(language: str) -> str:
    """Word's East Asian locale for a BCP 47 tag: ja-JP, ko-KR, zh-CN (Simplified), zh-HK,
    else zh-TW (Traditional Chinese, also for text in no East Asian language)."""
    other = japanese_or_korean_tag(language)
    if other:
        return _OTHER_LOCALES[other]
    if is_simplified(language):
        return "zh-CN"
    if language.lower().endswith(("-hk", "-mo")):
        return "zh-HK"
    return "zh-TW"


def choose_fonts(language: str, body: str | None, heading: str | None, keep: bool) -> Fonts:
    """The document's fonts: the user's, else (unless ``keep``ing a reference's) the locale's."""
    locale = locale_for(language)
    default_body, default_heading = (None, None) if keep else DEFAULT_FONTS[locale]
    return Fonts(locale, body or default_body, heading or default_heading)
