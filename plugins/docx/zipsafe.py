"""Refuse zip bombs before anything inflates them: DOCX inputs and reference documents.

The archive's own directory is read (it says each part's sizes) and checked against
limits before python-docx parses a byte. Python's zipfile never inflates a part past
the size its directory declares (it fails the CRC check instead), so the declared
sizes are a bound, not a promise.
"""

from __future__ import annotations

import struct
from io import BytesIO

from convert.errors import InputError

MAX_ENTRIES = 10_000
MAX_PART = 32 * 2**20  # one part, uncompressed: a 20 MB article's document.xml is ~24 MB
MAX_TOTAL = 256 * 2**20  # all parts, uncompressed
MAX_RATIO = 500  # uncompressed/compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 2**20
# Real documents: our DOCX of 500 articles in one file compresses 133:1, one paragraph
# repeated 20,000 times 271:1; deflate's own ceiling is about 1,030:1.
_END = b"PK\x05\x06"  # end of central directory record
_END_SIZE = 22


def check_archive(data: bytes) -> None:
    """Raise :class:`InputError` naming the limit ``data`` (a zip archive) exceeds."""
    import zipfile  # here: every command loads the DOCX reader, few read a DOCX

    _check_directory(data)
    try:
        infos = zipfile.ZipFile(BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InputError(f"not a readable zip archive ({exc})") from None
    total = 0
    for info in infos:
        size = info.file_size
        if size > MAX_PART:
            raise InputError(
                f"zip part {info.filename} inflates to {_mib(size)}, over the {_mib(MAX_PART)} "
                "limit of one part"
            )
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                f"zip part {info.filename} is compressed {size // max(info.compress_size, 1)}:1, "
                f"over the {MAX_RATIO}:1 limit (a zip bomb?)"
            )
        total += size
        if total > MAX_TOTAL:
            raise InputError(
                f"zip parts inflate to over {_mib(MAX_TOTAL)}, the limit for a whole document"
            )


def _check_directory(data: bytes) -> None:
    """Entry count and directory size from the end record, before zipfile reads the
    directory (millions of entries would cost gigabytes as Python objects)."""
    at = data.rfind(_END, max(0, len(data) - _END_SIZE - 0xFFFF))
    if at < 0 or len(data) < at + _END_SIZE:
        raise InputError("not a readable zip archive (no end of central directory)")
    entries, directory_size = struct.unpack_from("<HI", data, at + 10)
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
        raise InputError("a ZIP64 archive: larger than any document docconv reads")
    if entries > MAX_ENTRIES or directory_size > MAX_ENTRIES * 1024:
        raise InputError(f"zip archive of over {MAX_ENTRIES} parts")


def _mib(size: int) -> str:
    return f"{size / 2**20:.0f} MiB"
