"""The DOCX's zip archive, written without zipfile, must be what zipfile writes."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pytest

from docconv_plugins.docx.docx_zip import archive, deflate

PARTS = [
    ("[Content_Types].xml", b"<Types/>"),
    ("word/document.xml", "<w:document>正文 &amp; 𠀀</w:document>".encode() * 500),
    ("word/empty.xml", b""),
    ("customXml/é.xml", b"<x/>"),  # not ASCII: zipfile flags the name as UTF-8
]


def _zipfile(parts: list[tuple[str, bytes]], when: datetime) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts:
            entry = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            z.writestr(entry, blob)
    return out.getvalue()


@pytest.mark.parametrize(
    "when", [datetime(2024, 7, 9, 13, 45, 31, tzinfo=UTC), datetime(2107, 12, 31, tzinfo=UTC)]
)
def test_the_archive_is_the_one_zipfile_writes(when: datetime) -> None:
    ours = archive([(name, deflate(blob)) for name, blob in PARTS], when.timetuple()[:6])
    assert ours == _zipfile(PARTS, when)
    with zipfile.ZipFile(io.BytesIO(ours)) as z:
        assert z.testzip() is None
        assert [(i.filename, z.read(i)) for i in z.infolist()] == PARTS


@pytest.mark.parametrize(
    ("year", "stamp"), [(1970, (1980, 1, 1, 0, 0, 0)), (2200, (2107, 12, 31, 23, 59, 58))]
)
def test_a_time_a_zip_cannot_hold_is_the_nearest_it_can(year: int, stamp: tuple[int, ...]) -> None:
    ours = archive([("a.xml", deflate(b"<a/>"))], (year, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(io.BytesIO(ours)) as z:
        assert z.infolist()[0].date_time == stamp
