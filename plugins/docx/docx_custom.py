"""docconv's metadata that Word's core properties cannot hold, as DOCX custom properties.

The core properties have no place for the language tag (only Word's locale, zh-CN for any
Simplified text), the dates, the source as such or the extras, so a DOCX read back lost
them (md → docx → json came back zh-Hant, without its dates). They are stored in the
package's custom properties part (``docProps/custom.xml``: Word shows it under File >
Properties > Custom and keeps it when it saves), names prefixed ``docconv.``, lists and
extras as JSON, and read back from there. Plain text, no XML library: the writer emits the
properties as a string; the reader hands in what python-docx parsed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from convert import SCHEMA_VERSION, Document, Metadata
from convert.errors import InvalidDocumentError

from .docx_xml import XmlText, escape_attribute, escape_text

PART_NAME = "/docProps/custom.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VALUE_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # user-defined properties (MS-OSHARED)
PREFIX = "docconv."
JSON_FIELDS = ("dates", "extras")
FIELDS = ("language", "source", *JSON_FIELDS)
"""The metadata fields stored (title and keywords have core properties; the origin of a
DOCX read back is the DOCX itself)."""


def empty_part(slot: str) -> bytes:
    """The part without properties: ``slot`` (an XML comment's text) is where they go."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Properties xmlns="{NAMESPACE}" xmlns:vt="{VALUE_TYPES}"><!--{slot}--></Properties>'
    ).encode()


def _values(meta: Metadata) -> dict[str, str]:
    """The stored fields of ``meta`` as text: empty ones are left out."""
    values = {"language": meta.language}
    if meta.source is not None:
        values["source"] = meta.source
    if meta.dates:
        values["dates"] = json.dumps(list(meta.dates), ensure_ascii=False)
    if meta.extras:
        values["extras"] = json.dumps(meta.extras, ensure_ascii=False, allow_nan=False)
    return values


def properties_xml(meta: Metadata, clean: XmlText) -> str:
    """The ``property`` elements of ``meta`` (their text is counted where it is in the body)."""
    return "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name="{escape_attribute(PREFIX + name)}">'
        f"<vt:lpwstr>{escape_text(clean(value, count=False))}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(_values(meta).items(), start=2)  # pid 2 is the first
    )


def stored_values(properties: Iterable[Any]) -> dict[str, str]:
    """docconv's fields among the ``property`` elements of a parsed custom part (lxml)."""
    values: dict[str, str] = {}
    for prop in properties:
        name = prop.get("name") or ""
        field = name[len(PREFIX) :]
        if name.startswith(PREFIX) and field in FIELDS and len(prop):
            values[field] = prop[0].text or ""
    return values


def stored_metadata(values: Mapping[str, str]) -> dict[str, Any]:
    """The metadata fields ``values`` hold, checked as a JSON document's are.

    Raises :class:`~convert.errors.InvalidDocumentError` naming the property at fault
    (a hand edit, or a value Word cut at 255 characters).
    """
    fields: dict[str, Any] = {}
    for name, value in values.items():
        if name in JSON_FIELDS:
            try:
                fields[name] = json.loads(value, parse_constant=_no_constant)
            except (ValueError, RecursionError):
                raise InvalidDocumentError(f"{PREFIX}{name} is not valid JSON") from None
        else:
            fields[name] = value
    meta = Document.from_dict({"schema_version": SCHEMA_VERSION, "meta": fields, "blocks": []})
    return {name: getattr(meta.meta, name) for name in fields}


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")
