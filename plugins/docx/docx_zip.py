"""The DOCX's zip archive, written directly so that parts compressed once are copied as-is.

Most of a DOCX (styles, theme, settings: ~370 KB of XML) is the template's and the same for
every article; compressing it again for each file was most of the cost of writing one. The
template keeps those parts deflated with their CRC; only the article's parts are compressed
here. The layout is what Python's zipfile writes (deflate, no data descriptor, no extra
fields, one fixed time, mode 0600), so the same input gives the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

from convert.errors import InputError

Packed = tuple[int, int, bytes]
"""A part ready for the archive: CRC-32 and size of its bytes, and the bytes deflated."""

FIRST = (1980, 1, 1, 0, 0, 0)  # the range of times a zip entry can hold
LAST = (2107, 12, 31, 23, 59, 58)
LIMIT = 2**31 - 1  # beyond this an archive needs ZIP64 extensions, which DOCX readers lack
_VERSION = 20  # 2.0: deflate
_DEFLATE = 8
_MODE = 0o600 << 16  # rw------- in the high bits of the external attributes, as zipfile sets
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


def deflate(blob: bytes) -> Packed:
    """``blob`` packed as zipfile compresses it (raw deflate at the default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(blob), len(blob), compressor.compress(blob) + compressor.flush()


def archive(entries: Iterable[tuple[str, Packed]], when: tuple[int, ...]) -> bytes:
    """The zip of ``entries`` (member name, packed part), every entry dated ``when`` (year,
    month, day, hour, minute, second; or the nearest time a zip can hold)."""
    year, month, day, hour, minute, second = min(max(tuple(when), FIRST), LAST)
    date = (year - 1980) << 9 | month << 5 | day
    time = hour << 11 | minute << 5 | second // 2
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = count = 0
    for name, (crc, size, data) in entries:
        if max(size, len(data), offset) > LIMIT:
            raise InputError("the DOCX would be over 2 GiB, more than Word reads")
        member, flags = _member(name)
        fields = (_VERSION, 0, flags, _DEFLATE, time, date, crc, len(data), size, len(member))
        out += (_LOCAL.pack(b"PK\x03\x04", *fields, 0), member, data)
        # made by version 2.0 on MS-DOS; no extra field, comment, disk; mode 0600 (zipfile's)
        directory.append(
            _CENTRAL.pack(b"PK\x01\x02", _VERSION, 0, *fields, 0, 0, 0, 0, _MODE, offset)
        )
        directory.append(member)
        offset += _LOCAL.size + len(member) + len(data)
        count += 1
    size = sum(map(len, directory))
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, size, offset, 0)
    return b"".join(out + directory) + end


def _member(name: str) -> tuple[bytes, int]:
    """The member name's bytes and flags: ASCII, else UTF-8 with the flag that says so."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800
