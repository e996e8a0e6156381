"""A user's reference DOCX (``-O reference_docx=``) made safe to build on.

Its zip is checked against the same limits as a DOCX input before python-docx opens it,
and its external relationships (an ``attachedTemplate`` on a remote server, linked
images, hyperlinks) are dropped, so an output never makes Word fetch anything.
Imported only when a DOCX is rendered with a reference document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from convert.errors import InputError, UsageError
from convert.inputs import read_path

from .zipsafe import MAX_TOTAL, check_archive

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_HYPERLINK = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink"


def check_reference(reference: str) -> bytes:
    """The reference's bytes; :class:`UsageError` if it is not a file, :class:`InputError`
    if it is too big or a zip bomb."""
    name = f"reference_docx: {reference}"
    path = Path(reference)
    if not path.exists():
        raise UsageError(f"{name}: no such file")
    if not path.is_file():  # /dev/zero, a FIFO, a directory
        raise UsageError(f"{name}: not a regular file")
    data = read_path(path, name, MAX_TOTAL)
    try:
        check_archive(data)
    except InputError as exc:
        raise InputError(f"{name}: {exc}") from None
    return data


def drop_external_relationships(doc: Any) -> None:
    """Remove every relationship to something outside the package, and the XML that
    used it: a hyperlink keeps its text, anything else (``w:attachedTemplate``, a linked
    picture) goes."""
    package = doc.part.package
    for rels, part in [(package.rels, None), *((p.rels, p) for p in package.iter_parts())]:
        external = {r_id for r_id, rel in rels.items() if rel.is_external}
        if not external:
            continue
        element = getattr(part, "_element", None)  # parts python-docx keeps as XML
        if element is not None:
            _unlink(element, external)
        for r_id in external:
            rels.pop(r_id)


def _unlink(root: Any, r_ids: set[str]) -> None:
    for node in list(root.iter()):
        for attribute, value in list(node.attrib.items()):
            if attribute.startswith(_R) and value in r_ids:
                if node.tag == _HYPERLINK:
                    del node.attrib[attribute]
                elif node.getparent() is not None:
                    node.getparent().remove(node)
                break
