"""The styled, still empty DOCX every article is written into, kept in the cache directory.

Building it takes python-docx and lxml (importing them alone costs more than pandoc's whole
conversion of an article); it depends only on the reference document, the fonts, the paper
and whether there is a header. So it is built once, stored with ``marshal`` in docconv's
cache directory, and later processes write DOCX files without importing either library.
A batch keeps the templates it used in memory.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import marshal
import zlib
from pathlib import Path
from typing import NamedTuple

from convert.cache import writable_cache_dir, write_whole

from .docx_names import Fonts
from .docx_zip import Packed, deflate

log = logging.getLogger("docconv")

CACHE_FORMAT = 3  # bump when the stored layout changes
FILES_KEPT = 32  # templates kept on disk (each fonts/paper/reference combination is one)
LOADED_KEPT = 8  # templates kept in memory by one process

Segments = tuple[bytes | str, ...]
"""A part's bytes with named slots (``str``) where each document's text goes."""


class Part(NamedTuple):
    """A zip member: ``packed`` when no article changes it, else ``segments`` to fill."""

    name: str
    packed: Packed | None
    segments: Segments


class Template(NamedTuple):
    """A DOCX package with slots, and what the body needs to refer to its styles.

    ``parts`` in the order python-docx writes them; the slots are ``body`` (the paragraphs,
    in ``word/document.xml``), ``header`` (the header's run), ``numbering`` (restarted
    lists), the core properties ``title``, ``creator``, ``subject``, ``keywords`` and
    ``when``, and ``custom`` (the custom properties, see ``docx_custom``). ``styles``: the
    style id of each of docconv's paragraph styles by name, None for the default style
    (which a paragraph does not name). ``numbering``: the abstract
    numbering of the List Number style and the ``w:numId`` values in use, or None when
    that style is not numbered.
    """

    parts: tuple[Part, ...]
    styles: dict[str, str | None]
    numbering: tuple[int, tuple[int, ...]] | None

    def fill(self, values: dict[str, bytes]) -> list[tuple[str, Packed]]:
        """Every part packed, the slotted ones filled with ``values`` and compressed."""
        return [
            (
                part.name,
                part.packed
                or deflate(
                    b"".join(s if isinstance(s, bytes) else values[s] for s in part.segments)
                ),
            )
            for part in self.parts
        ]


class Templates:
    """The templates of this process, by what they are built from."""

    def __init__(self) -> None:
        self.loaded: dict[str, Template] = {}

    def get(self, reference: str | None, fonts: Fonts, paper: str | None, header: bool) -> Template:
        """The template for ``reference`` (a path, or None for python-docx's own)."""
        content = b""
        if reference:
            from .docx_reference import check_reference  # only with a reference document

            content = check_reference(reference)
        key = _key(content, fonts, paper, header)
        template = self.loaded.get(key)
        if template is None:
            directory = writable_cache_dir("docx")
            name = f"template-{zlib.crc32(key.encode()):08x}.marshal"  # the key is inside
            path = directory / name if directory else None
            template = _load(path, key) if path else None
            if template is None:
                from .docx_template import build_template  # imports python-docx and lxml

                template = build_template(reference, content, fonts, paper, header)
                if path is not None:
                    _store(path, key, template)
            if len(self.loaded) >= LOADED_KEPT:
                self.loaded.pop(next(iter(self.loaded)))
            self.loaded[key] = template
        return template


def _key(content: bytes, fonts: Fonts, paper: str | None, header: bool) -> str:
    """Everything a template is built from: the reference's bytes (hashed), the choices,
    and the code and libraries that build it (size and modification time of their files)."""
    digest = ""
    if content:
        import hashlib  # only with a reference document (its OpenSSL load costs milliseconds)

        digest = hashlib.sha256(content).hexdigest()
    return repr((CACHE_FORMAT, digest, fonts.locale, fonts.body, fonts.heading, paper, header,
                 _builders()))  # fmt: skip


@functools.cache
def _builders() -> tuple[tuple[str, int, int], ...]:
    """The files that decide a template's bytes: the modules that build it, and python-docx
    (its default template) and lxml (the serialiser), whose files every install rewrites."""
    here = Path(__file__).parent
    names = ("docx_cache", "docx_template", "docx_styles", "docx_names", "docx_reference",
             "docx_custom")  # fmt: skip
    files = [here / f"{name}.py" for name in names]
    for module in ("docx", "lxml"):
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin:
            files.append(Path(spec.origin))  # rewritten whenever the library is installed
    stamps = []
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            stamps.append((str(file), -1, -1))
        else:
            stamps.append((str(file), stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def _load(path: Path, key: str) -> Template | None:
    """The template stored under ``key``, or None (missing, another key, damaged)."""
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(data, tuple) and len(data) == 5 and data[:2] == (CACHE_FORMAT, key)):
        return None
    _, _, parts, styles, numbering = data
    if _valid(parts, styles, numbering):
        return Template(tuple(Part(*part) for part in parts), styles, numbering)
    return None


def _valid(parts: object, styles: object, numbering: object) -> bool:
    """The stored data has the shape of a template (a damaged file is built again)."""
    parts_ok = isinstance(parts, tuple) and all(
        isinstance(part, tuple)
        and len(part) == 3
        and isinstance(part[0], str)
        and (part[1] is None or _is_packed(part[1]))
        and isinstance(part[2], tuple)
        and all(isinstance(s, bytes | str) for s in part[2])
        for part in parts
    )
    styles_ok = isinstance(styles, dict) and all(
        isinstance(k, str) and isinstance(v, str | None) for k, v in styles.items()
    )
    numbering_ok = numbering is None or (
        isinstance(numbering, tuple)
        and len(numbering) == 2
        and isinstance(numbering[0], int)
        and isinstance(numbering[1], tuple)
        and all(isinstance(n, int) for n in numbering[1])
    )
    return parts_ok and styles_ok and numbering_ok


def _is_packed(packed: object) -> bool:
    return (
        isinstance(packed, tuple)
        and len(packed) == 3
        and isinstance(packed[0], int)
        and isinstance(packed[1], int)
        and isinstance(packed[2], bytes)
    )


def _store(path: Path, key: str, template: Template) -> None:
    """Write whole (racing workers are fine); keep the newest :data:`FILES_KEPT` templates.
    A cache that cannot be written only costs speed."""
    parts = tuple(tuple(part) for part in template.parts)  # marshal takes plain tuples
    data = (CACHE_FORMAT, key, parts, template.styles, template.numbering)
    try:
        write_whole(path, marshal.dumps(data))
        stored = sorted(path.parent.glob("template-*.marshal"), key=lambda p: p.stat().st_mtime_ns)
        for old in stored[:-FILES_KEPT]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("DOCX template not cached (%s): %s", path, exc)
