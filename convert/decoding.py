"""Turn input bytes into text, recognising the encodings Chinese articles arrive in.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); UTF-16 without a mark is
recognised when it decodes to plausible article text; other NUL bytes mean binary;
then strict UTF-8 (a text cut short inside its last character is still UTF-8, less
that character); then GB18030 (a superset of GBK/GB2312) and Big5. When both of
those decode the bytes, charset-normalizer's coherence check chooses.

Errors are raised as :class:`InputError` describing the problem; repairs and guesses
worth a second look (a cut character, a legacy encoding guessed from little text or
from text that starts as UTF-8) are :class:`DecodingWarning` warnings. docconv adds
the file name when it reports either.
"""

from __future__ import annotations

import codecs
import functools
import re
import warnings

from .errors import InputError


class DecodingWarning(UserWarning):
    """The text was decoded, but by a repair or a guess the user should know about."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CHINESE_LEGACY_ENCODINGS = ("gb18030", "big5")
SHORT = 200
"""Fewer non-ASCII bytes than this, and GB18030 versus Big5 is a guess worth a warning."""


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`InputError` if ``data`` is not text."""
    if encoding:
        return _decode_forced(data, encoding), encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec), codec
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError("not a text file (contains NUL bytes)")
        return _strict(data, utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    valid_prefix = data[: utf8_error.start]
    if utf8_error.end == len(data) and not valid_prefix.isascii():
        # Invalid only because the last character is incomplete: a cut, not another encoding.
        warnings.warn(
            DecodingWarning(
                f"ends inside a UTF-8 character (cut short?); "
                f"dropped its last {len(data) - utf8_error.start} byte(s)"
            ),
            stacklevel=2,
        )
        return valid_prefix.decode("utf-8"), "utf-8"
    text, codec = _legacy(data)
    if sum(ord(char) >= 0x800 for char in valid_prefix.decode("utf-8")) >= 2:
        # Two CJK characters already read as UTF-8 rarely happen by chance in GB or Big5.
        _warn_guess(codec, f"invalid UTF-8 at byte {utf8_error.start} after valid UTF-8 text")
    elif sum(byte >= 0x80 for byte in data) < SHORT:
        _warn_guess(codec, "too little text to be sure")
    return text, codec


def _warn_guess(codec: str, why: str) -> None:
    warnings.warn(
        DecodingWarning(f"decoded as {codec.upper()}, a guess ({why}); use --encoding to choose"),
        stacklevel=3,
    )


def _legacy(data: bytes) -> tuple[str, str]:
    """GB18030 or Big5, whichever decodes ``data`` (the more coherent if both do)."""
    candidates = {}
    for codec in CHINESE_LEGACY_ENCODINGS:
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError(
            "cannot decode as UTF-8, UTF-16, GB18030 or Big5 text (use --encoding NAME)"
        )
    if len(candidates) == 1:
        codec, text = next(iter(candidates.items()))
        return text, codec
    return _choose(data, candidates)


@functools.cache
def _plausible() -> re.Pattern[str]:
    """Characters an article uses; compiled on first use (only UTF-16 without a BOM needs
    it, and its CJK ranges take milliseconds to compile)."""
    return re.compile(
        r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf"
        r"\u4e00-\u9fff\uff00-\uffef]"
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or -be, whichever decodes ``data`` into (nearly) only characters an
    article uses (text, CJK, punctuation); None when neither does, e.g. for binary."""
    if len(data) % 2:
        return None
    scores = []
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        plausible = len(_plausible().findall(text)) / len(text)
        if plausible >= 0.97:
            scores.append((plausible, codec))
    return max(scores)[1] if scores else None


def _choose(data: bytes, candidates: dict[str, str]) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(candidates)).best()
    codec = best.encoding if best is not None and best.encoding in candidates else "gb18030"
    return candidates[codec], codec


def _strict(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid {codec} text at byte {exc.start}") from None


def _decode_forced(data: bytes, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    text = _strict(data, encoding)
    return text[1:] if text.startswith("\ufeff") else text
