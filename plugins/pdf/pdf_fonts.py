"""Which fonts a PDF uses, and which font draws each character.

reportlab embeds TrueType outlines only, so the fonts come, in order, from
``-O font=PATH``, from the CJK fonts fontconfig knows (when ``fc-list`` exists) and
last from the ``paperang-p2-fonts-cjk`` package (WenQuanYi Micro Hei), which makes
a fresh ``pip install`` render Chinese with no system fonts. OpenType/CFF faces
(Noto Serif/Sans CJK) are converted to TrueType outlines for the characters a
document uses (:mod:`.pdf_cff`). The body prefers a Ming/Song serif, headings a
bold sans. Each character is drawn with the first font in its chain that has it;
characters no font has are reported once.

fc-list's answer is kept between runs (:mod:`.pdf_fclist`). Fonts are loaded lazily:
a fallback face is read only when a character needs it.
Parsing a CJK TrueType font's character map and widths costs reportlab 100–200 ms,
so they are cached on disk per font file (keyed by path, face, size and mtime).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
import marshal
import os
import re
import shutil
import struct
import unicodedata
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from convert.cache import writable_cache_dir, write_whole
from convert.errors import UsageError
from convert.toolkit import is_chinese, is_simplified, japanese_or_korean_tag

log = logging.getLogger("docconv")

_SERIF = re.compile(r"ming|song|sung|serif|mincho|kai|\u660e|\u5b8b|\u6977", re.I)
_BOLD = re.compile(r"bold|heavy|black", re.I)
_FC_FORMAT = "%{file}\t%{index}\t%{fontformat}\t%{family[0]}\t%{spacing}\t%{style[0]}\n"
_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")
_METRICS_VERSION = "1"


@dataclass(frozen=True, slots=True)
class FontFile:
    """One face of a font file (``index`` picks the face inside a .ttc collection).

    ``cff`` faces (OpenType with PostScript outlines) are converted before use.
    """

    path: Path
    index: int = 0
    family: str = ""
    style: str = ""
    cff: bool = False

    @property
    def serif(self) -> bool:
        return bool(_SERIF.search(self.family))

    @property
    def bold(self) -> bool:
        return bool(_BOLD.search(self.style))


def packaged_font() -> FontFile:
    """WenQuanYi Micro Hei from the ``paperang-p2-fonts-cjk`` dependency: always available.

    Found with ``find_spec``: importing ``importlib.resources`` costs ~4 ms.
    """
    spec = importlib.util.find_spec("paperang_p2_fonts_cjk")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("paperang-p2-fonts-cjk is missing", name="paperang_p2_fonts_cjk")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return FontFile(folder / "fonts" / "wqy-microhei.ttc", 0, "WenQuanYi Micro Hei")


def _fc_list(pattern: str) -> str:
    """fontconfig's listing of the faces matching ``pattern``; empty without fc-list."""
    from .pdf_fclist import cached_listing

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ""
    command = [fc_list, "--format", _FC_FORMAT, pattern]

    def run() -> str:
        import subprocess  # only when the listing is not cached: 4 ms to import

        try:
            return subprocess.run(
                command, capture_output=True, text=True, timeout=20, check=True
            ).stdout
        except subprocess.SubprocessError as exc:
            raise OSError(exc) from exc

    try:
        return cached_listing(command, run)
    except OSError as exc:  # a failure is not cached: the next run tries again
        log.debug("font discovery with fc-list failed: %s", exc)
        return ""


@functools.cache
def system_fonts() -> tuple[FontFile, ...]:
    """CJK faces fontconfig lists; empty when fc-list is missing or fails."""
    return tuple(_parse_fc_list(_fc_list(":lang=zh")))


_LATIN_SERIFS = ("Noto Serif", "Source Serif 4", "Liberation Serif", "DejaVu Serif", "FreeSerif")
"""Proportional Latin serifs, best first, to pair with a Ming face whose Latin is monospaced."""
_UPRIGHT = frozenset({"Regular", "Book", "Roman", "Medium"})


@functools.cache
def latin_serif() -> FontFile | None:
    """The best installed Latin serif of :data:`_LATIN_SERIFS` (TrueType, upright), if any."""
    found = {
        f.family: f
        for f in _parse_fc_list(_fc_list(":lang=en"))
        if not f.cff and f.style in _UPRIGHT
    }
    return next((found[name] for name in _LATIN_SERIFS if name in found), None)


_LATIN_MONOS = ("DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "FreeMono")
"""Monospace Latin faces for code, best first (CJK text in code comes from the body's)."""


@functools.cache
def latin_mono() -> FontFile | None:
    """The best installed monospace face of :data:`_LATIN_MONOS` (TrueType, upright), if any."""
    found = {
        f.family: f
        for f in _parse_fc_list(_fc_list(":lang=en:spacing=mono"), mono=True)
        if not f.cff and f.style in _UPRIGHT
    }
    return next((found[name] for name in _LATIN_MONOS if name in found), None)


def latin_face(body: list[FontFile], user: FontFile | None) -> FontFile | None:
    """A Latin face for the body when its Ming face is a TrueType one (AR PL UMing).

    Such faces carry near-monospaced Latin (``l`` looks like ``1``); OpenType CJK faces
    (Noto) and the sans faces carry proportional Latin of their own, and a font the
    user chose is used as it is.
    """
    first = body[0]
    if user is not None or first.cff or not first.serif:
        return None
    return latin_serif()


def _parse_fc_list(listing: str, mono: bool = False) -> Iterable[FontFile]:
    """TrueType and CFF, proportional faces only (monospaced CJK faces set Latin badly),
    or (``mono``) monospaced ones only."""
    for line in sorted(set(listing.splitlines())):
        fields = line.split("\t")
        if len(fields) == 5:  # fontconfig without a style
            fields.append("")
        if len(fields) != 6:
            continue
        path, index, fmt, family, spacing, style = fields
        if fmt not in {"TrueType", "CFF"} or not path.lower().endswith(_SUFFIXES):
            continue
        if (spacing in {"100", "110"} or "mono" in family.lower()) != mono or not index.isdigit():
            continue
        yield FontFile(Path(path), int(index), family, style, fmt == "CFF")


_OTHER_FACES = {"ja": (" JP",), "ko": (" KR",)}
"""The faces of a CJK collection (Noto CJK JP, KR) that draw Japanese and Korean glyph forms,
by :func:`convert.toolkit.japanese_or_korean_tag`."""


def _regional_rank(font: FontFile, language: str) -> int:
    """Prefer the face of a collection made for the text's language (UMing TW for Traditional,
    Noto Serif CJK JP for Japanese: 直 骨 are drawn differently in each)."""
    other = japanese_or_korean_tag(language)
    if other:
        wanted: tuple[str, ...] = _OTHER_FACES[other]
    elif is_simplified(language):
        wanted = (" CN", " SC", " GB")
    elif is_chinese(language):
        wanted = (" HK", " TC", " TW") if language.lower().endswith("hk") else (" TW", " TC", " HK")
    else:
        wanted = ()
    family = font.family.upper()
    return next((i for i, tail in enumerate(wanted) if family.endswith(tail)), len(wanted))


def one_face_per_file(fonts: Iterable[FontFile], language: str) -> list[FontFile]:
    """The best face of each font file for ``language``: faces of one file share their glyphs."""
    best: dict[Path, FontFile] = {}
    for font in sorted(fonts, key=lambda f: (_regional_rank(f, language), f.index)):
        best.setdefault(font.path, font)
    return list(best.values())


def font_order(
    user: FontFile | None, found: Iterable[FontFile], language: str
) -> tuple[list[FontFile], list[FontFile]]:
    """(body fonts, heading fonts): a regular serif first for the body, a bold sans for headings.

    Among faces of one style, OpenType CJK faces (Noto, Source Han) come first: they
    carry proportional Latin and digits drawn to match, and centred punctuation in
    their Taiwan faces.
    """
    faces = one_face_per_file(found, language)

    def rank(bold: bool) -> Any:
        return lambda f: (f.bold != bold, not f.cff)

    serif = [f for f in faces if f.serif]
    sans = [f for f in faces if not f.serif]
    first = [user] if user else []
    last = [packaged_font()]
    body = sorted(serif, key=rank(False)) + sorted(sans, key=rank(False))
    headings = sorted(sans, key=rank(True)) + sorted(serif, key=rank(True))
    return first + body + last, first + headings + last


@dataclass(frozen=True, slots=True, eq=False)
class LoadedFont:
    """A font registered with reportlab: its name there, its characters and their widths."""

    name: str
    has: Container[int]
    """The code points the font draws."""
    widths: dict[int, float]
    """Advance width per code point, in thousandths of an em."""
    missing_width: float
    """The width reportlab draws a character the font lacks with (its .notdef glyph)."""


_CHAR_INFO = ("charToGlyph", "glyphToChar", "charWidths", "defaultWidth", "hmetrics", "glyphPos")
"""What reportlab's slow full parse adds to its quick header parse (``charInfo=0``)."""


def _metrics_path(font: FontFile, stat: os.stat_result) -> Path | None:
    """``metrics-<file>-<version>.marshal``: one name per font file, one per version of it."""
    directory = writable_cache_dir("fonts")
    if directory is None:
        return None
    import reportlab

    file = f"{_METRICS_VERSION}\0{font.path.resolve()}\0{font.index}"
    version = f"{stat.st_size}\0{stat.st_mtime_ns}\0{reportlab.Version}"
    digest = hashlib.sha256(file.encode()).hexdigest()[:16]
    return (
        directory / f"metrics-{digest}-{hashlib.sha256(version.encode()).hexdigest()[:16]}.marshal"
    )


def _forget_other_versions(cached: Path) -> None:
    """Remove the metrics of earlier versions of a font file (a converted font grows)."""
    prefix = cached.name.rsplit("-", 1)[0]
    for stale in cached.parent.glob(f"{prefix}-*.marshal"):
        if stale != cached:
            stale.unlink(missing_ok=True)


def _parsed_face(font: FontFile) -> Any:
    """reportlab's parse of ``font``, its character map and widths read from the disk cache."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFontFace, TTFontFile

    # The metrics are keyed by the file that is read: another process may replace a
    # converted font while this one reads it, and the open file stays the one read.
    with font.path.open("rb") as handle:
        cached = _metrics_path(font, os.fstat(handle.fileno()))
        info = None
        if cached is not None and cached.is_file():
            try:
                info = marshal.loads(cached.read_bytes())
            except (OSError, ValueError, EOFError, TypeError):
                info = None
        face: Any = TTFontFace.__new__(TTFontFace)
        if isinstance(info, dict) and set(info) == set(_CHAR_INFO):
            # The quick header parse (name, metrics, table offsets), then the cached maps.
            pdfmetrics.TypeFace.__init__(face, None)
            TTFontFile.__init__(face, handle, charInfo=0, subfontIndex=font.index)
            face.__dict__.update(info)
            return face
        TTFontFace.__init__(face, handle, validate=0, subfontIndex=font.index)
    if cached is not None:
        data = marshal.dumps({key: getattr(face, key) for key in _CHAR_INFO})
        try:
            write_whole(cached, data)
            _forget_other_versions(cached)
        except OSError as exc:
            log.debug("cannot cache the metrics of %s: %s", font.path, exc)
    return face


def load_font(font: FontFile, chars: frozenset[int] = frozenset()) -> LoadedFont | None:
    """Register ``font`` with reportlab; ``None`` if it cannot be embedded.

    A CFF face is first converted to TrueType for ``chars`` (cached, see :mod:`.pdf_cff`).
    """
    if not font.cff:
        return _load_version(font)
    from .pdf_cff import truetype_copy

    for fresh in (False, True):  # a damaged copy in the cache is converted again, once
        try:
            converted = truetype_copy(
                font.path, font.index, chars, writable_cache_dir("fonts"), fresh=fresh
            )
        except Exception as exc:  # fontTools raises many kinds on a damaged font
            log.debug("font %s (face %d) cannot be converted: %s", font.path, font.index, exc)
            return None
        loaded = _load_version(FontFile(converted, 0, font.family, font.style))
        if loaded is not None:
            return loaded
    return None


def _load_version(font: FontFile) -> LoadedFont | None:
    """The font as its file is now (size and mtime tell a rewritten file apart)."""
    try:
        stat = font.path.stat()
    except OSError as exc:
        log.debug("font %s cannot be read: %s", font.path, exc)
        return None
    return _load_truetype(font, (stat.st_size, stat.st_mtime_ns))


@functools.cache
def _load_truetype(font: FontFile, version: tuple[int, int]) -> LoadedFont | None:
    """Register a TrueType face with reportlab once per process and ``version`` of the file.

    A converted CFF face grows in place, so its size and mtime are part of the key.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    key = f"{font.path}\0{version}".encode()
    digest = hashlib.sha1(key, usedforsecurity=False).hexdigest()[:8]
    name = f"{font.path.stem}-{font.index}-{digest}"
    try:
        face = _parsed_face(font)
    except (TTFError, OSError, ValueError, KeyError, IndexError, struct.error) as exc:
        log.debug("font %s (face %d) cannot be embedded: %s", font.path, font.index, exc)
        return None
    pdfmetrics.registerFont(_registered(name, face))
    return LoadedFont(name, face.charToGlyph, face.charWidths, float(face.defaultWidth))


def _registered(name: str, face: Any) -> Any:
    """A reportlab TTFont around an already parsed face (``TTFont()`` would parse it again)."""
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont

    ttf: Any = TTFont.__new__(TTFont)
    ttf.fontName, ttf.face, ttf.encoding = name, face, TTEncoding()
    ttf.state = WeakKeyDictionary()
    ttf._asciiReadable = rl_config.ttfAsciiReadable
    ttf.shapable = False
    return ttf


def face_count(path: Path) -> tuple[int, bool]:
    """(number of faces, PostScript outlines?) from a font file's header; ValueError if none."""
    with path.open("rb") as handle:
        head = handle.read(12)
        if head[:4] == b"ttcf" and len(head) == 12:
            count = struct.unpack(">I", head[8:12])[0]
            offset = struct.unpack(">I", handle.read(4))[0] if count else 0
            handle.seek(offset)
            return count, handle.read(4) == b"OTTO"
    if head[:4] in {b"\x00\x01\x00\x00", b"true"}:
        return 1, False
    if head[:4] == b"OTTO":
        return 1, True
    raise ValueError("not a TrueType or OpenType font")


def user_font(path: str | None, index: int) -> FontFile | None:
    """The ``-O font=PATH`` font, checked now so a bad path or face is a clear usage error."""
    if not path:
        if index:
            raise UsageError(f"font_index={index} chooses a face of -O font=PATH; give the font")
        return None
    file = Path(path).expanduser()
    if not file.exists():
        raise UsageError(f"font {path!r}: no such file")
    if not file.is_file():
        raise UsageError(f"font {path!r}: not a regular file (a .ttf, .ttc or .otf font)")
    try:
        count, cff = face_count(file)
    except OSError as exc:
        raise UsageError(f"font {path!r}: cannot read it ({exc.strerror or exc})") from None
    except (ValueError, struct.error):
        raise UsageError(f"font {path!r}: not a TrueType or OpenType font") from None
    if not 0 <= index < count:
        faces = "1 face (font_index=0)" if count == 1 else f"{count} faces (0-{count - 1})"
        raise UsageError(f"font {path!r} has {faces}; font_index={index} does not exist")
    font = FontFile(file, index, file.stem, cff=cff)
    if not cff and load_font(font) is None:
        raise UsageError(f"font {path!r} (face {index}): not a TrueType font reportlab can embed")
    return font


_LATIN_TEXT = re.compile(r"[ -~\u00c0-\u024f]")


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in {"Cc", "Cf"}


class FontChain:
    """Fonts tried in order for each character; the first that has the character draws it.

    A font is loaded the first time a character reaches it, so a fallback no
    character needs costs nothing. ``chars`` are the characters the document may
    draw with this chain: a converted CFF face covers exactly those.
    """

    def __init__(
        self, fonts: Iterable[FontFile], chars: Iterable[str] = (), latin: FontFile | None = None
    ) -> None:
        self._chars = frozenset(map(ord, chars))
        self._latin_file = latin
        self._latin: LoadedFont | None = None
        self._pending: Iterator[FontFile] = iter(list(dict.fromkeys(fonts)))
        self.fonts: list[LoadedFont] = []
        self._choice: dict[str, LoadedFont] = {}
        self._advances: dict[str, float] = {}
        self.missing: set[str] = set()
        self._more()

    def _more(self) -> bool:
        """Load the next font of the chain that loads; False when none is left."""
        for font in self._pending:
            loaded = load_font(font, self._chars)
            if loaded is not None and loaded not in self.fonts:
                self.fonts.append(loaded)
                return True
        return False

    @property
    def primary(self) -> str:
        return self.fonts[0].name

    def font_for(self, char: str) -> LoadedFont:
        """The font that draws ``char``; the primary one (after recording it) when none has it.

        Latin letters, digits and ASCII signs come from the ``latin`` face when there is one.
        """
        font = self._choice.get(char)
        if font is None:
            code = ord(char)
            if self._latin_file is not None and _LATIN_TEXT.match(char):
                self._latin = self._latin or load_font(self._latin_file)
                if self._latin is not None and code in self._latin.has:
                    font = self._choice[char] = self._latin
                    return font
            font = next((f for f in self.fonts if code in f.has), None)
            while font is None and self._more():
                font = self.fonts[-1] if code in self.fonts[-1].has else None
            if font is None:
                if not _invisible(char):
                    self.missing.add(char)
                font = self.fonts[0]
            self._choice[char] = font
        return font

    def runs(self, text: str) -> list[tuple[str, str]]:
        """``text`` cut into (reportlab font name, text) runs that one font draws."""
        runs: list[tuple[str, str]] = []
        for char in text:
            name = self.font_for(char).name
            if runs and runs[-1][0] == name:
                runs[-1] = (name, runs[-1][1] + char)
            else:
                runs.append((name, char))
        return runs

    def advance(self, char: str) -> float:
        """The advance width of ``char``, in thousandths of an em."""
        width = self._advances.get(char)
        if width is None:
            font = self.font_for(char)
            width = self._advances[char] = font.widths.get(ord(char), font.missing_width)
        return width

    def width(self, text: str, size: float) -> float:
        """The advance width of ``text`` at ``size`` points."""
        try:
            total = sum(map(self._advances.__getitem__, text))
        except KeyError:
            total = sum(map(self.advance, text))
        return total * size / 1000.0
