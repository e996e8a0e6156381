"""Turn input bytes into text, recognising the encodings Chinese articles arrive in.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); NUL bytes mean binary;
strict UTF-8; then GB18030 (a superset of GBK/GB2312) and Big5. When both of
those decode the bytes, charset-normalizer's coherence check chooses.
"""

from __future__ import annotations

import codecs

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CHINESE_LEGACY_ENCODINGS = ("gb18030", "big5")


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`InputError` naming ``name`` if it is not text."""
    if encoding:
        return _decode_forced(data, name, encoding), encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, name, codec), codec
    if b"\x00" in data:
        raise InputError(f"{name}: not a text file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = {}
    for codec in CHINESE_LEGACY_ENCODINGS:
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputError(
            f"{name}: cannot decode as UTF-8, UTF-16, GB18030 or Big5 text (use --encoding NAME)"
        )
    if len(candidates) == 1:
        codec, text = next(iter(candidates.items()))
        return text, codec
    return _choose(data, candidates)


def _choose(data: bytes, candidates: dict[str, str]) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(candidates)).best()
    codec = best.encoding if best is not None and best.encoding in candidates else "gb18030"
    return candidates[codec], codec


def _strict(data: bytes, name: str, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: invalid {codec} text at byte {exc.start}") from None


def _decode_forced(data: bytes, name: str, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    text = _strict(data, name, encoding)
    return text[1:] if text.startswith("\ufeff") else text
