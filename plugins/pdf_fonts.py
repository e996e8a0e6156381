"""Which fonts a PDF uses, and which font draws each character.

reportlab embeds TrueType outlines only (CFF/OpenType CJK fonts such as Noto
Sans CJK are refused), and its built-in CID fonts are not embedded at all. So
the fonts come, in order, from ``-O font=PATH``, from CJK TrueType fonts that
fontconfig knows (when ``fc-list`` exists), and last from the
``paperang-p2-fonts-cjk`` package (WenQuanYi Micro Hei), which makes a fresh
``pip install`` render Chinese with no system fonts. Each character is drawn
with the first font in its chain that has it (AR PL UMing lacks \u7232, so
WenQuanYi draws that one); characters no font has are reported once.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from convert.errors import UsageError

from .chinese import is_chinese, is_simplified

log = logging.getLogger("docconv")

_SERIF = re.compile(r"ming|song|sung|serif|mincho|kai|\u660e|\u5b8b|\u6977", re.I)
_FC_FORMAT = "%{file}\t%{index}\t%{fontformat}\t%{family[0]}\t%{spacing}\n"
_TRUETYPE_SUFFIXES = (".ttf", ".ttc")


@dataclass(frozen=True, slots=True)
class FontFile:
    """One face of a font file (``index`` picks the face inside a .ttc collection)."""

    path: Path
    index: int = 0
    family: str = ""

    @property
    def serif(self) -> bool:
        return bool(_SERIF.search(self.family))


def packaged_font() -> FontFile:
    """WenQuanYi Micro Hei from the ``paperang-p2-fonts-cjk`` dependency: always available."""
    path = resources.files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"
    return FontFile(Path(str(path)), 0, "WenQuanYi Micro Hei")


@functools.cache
def system_fonts() -> tuple[FontFile, ...]:
    """CJK TrueType faces fontconfig lists; empty when fc-list is missing or fails."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        listing = subprocess.run(
            [fc_list, "--format", _FC_FORMAT, ":lang=zh"],
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("font discovery with fc-list failed: %s", exc)
        return ()
    return tuple(_parse_fc_list(listing))


def _parse_fc_list(listing: str) -> Iterable[FontFile]:
    """TrueType, proportional faces only (monospaced CJK faces set Latin text badly)."""
    for line in sorted(set(listing.splitlines())):
        fields = line.split("\t")
        if len(fields) != 5:
            continue
        path, index, fmt, family, spacing = fields
        if fmt != "TrueType" or not path.lower().endswith(_TRUETYPE_SUFFIXES):
            continue
        if spacing in {"100", "110"} or "mono" in family.lower() or not index.isdigit():
            continue
        yield FontFile(Path(path), int(index), family)


def _regional_rank(font: FontFile, language: str) -> int:
    """Prefer the face of a collection made for the text's script (UMing TW for Traditional)."""
    if is_simplified(language):
        wanted: tuple[str, ...] = (" CN", " SC", " GB")
    elif is_chinese(language):
        wanted = (" HK", " TW", " TC") if language.lower().endswith("hk") else (" TW", " HK", " TC")
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
    """(body fonts, heading fonts): serif first for the body, sans first for headings."""
    faces = one_face_per_file(found, language)
    serif = [f for f in faces if f.serif]
    sans = [f for f in faces if not f.serif]
    first = [user] if user else []
    last = [packaged_font()]
    return first + serif + sans + last, first + sans + serif + last


@dataclass(frozen=True, slots=True, eq=False)
class LoadedFont:
    """A font registered with reportlab: its name there, its characters and their widths."""

    name: str
    widths: dict[int, float]
    """Advance width per code point, in thousandths of an em."""
    missing_width: float
    """The width reportlab draws a character the font lacks with (its .notdef glyph)."""


@functools.cache
def load_font(font: FontFile) -> LoadedFont | None:
    """Register ``font`` with reportlab (once per process); ``None`` if reportlab refuses it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    digest = hashlib.sha1(str(font.path).encode(), usedforsecurity=False).hexdigest()[:8]
    name = f"{font.path.stem}-{font.index}-{digest}"
    try:
        ttf = TTFont(name, str(font.path), subfontIndex=font.index)
    except (TTFError, OSError, ValueError, KeyError, IndexError) as exc:
        log.debug("font %s (face %d) cannot be embedded: %s", font.path, font.index, exc)
        return None
    pdfmetrics.registerFont(ttf)
    face: Any = ttf.face
    widths = {
        code: float(face.charWidths.get(code, face.defaultWidth)) for code in face.charToGlyph
    }
    return LoadedFont(name, widths, float(face.defaultWidth))


def user_font(path: str | None, index: int) -> FontFile | None:
    """The ``-O font=PATH`` font, checked now so a bad path is a clear usage error."""
    if not path:
        return None
    font = FontFile(Path(path).expanduser(), index, Path(path).stem)
    if not font.path.is_file():
        raise UsageError(f"font {path!r}: no such file")
    if load_font(font) is None:
        raise UsageError(
            f"font {path!r} (face {index}): not a TrueType font reportlab can embed "
            "(CFF/OpenType fonts such as Noto CJK are not supported)"
        )
    return font


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in {"Cc", "Cf"}


class FontChain:
    """Fonts tried in order for each character; the first that has the character draws it."""

    def __init__(self, fonts: Iterable[FontFile]) -> None:
        loaded = [f for f in map(load_font, fonts) if f is not None]
        self.fonts = list(dict.fromkeys(loaded, None))
        self._choice: dict[str, LoadedFont] = {}
        self.missing: set[str] = set()

    @property
    def primary(self) -> str:
        return self.fonts[0].name

    def font_for(self, char: str) -> LoadedFont:
        """The font that draws ``char``; the primary one (after recording it) when none has it."""
        font = self._choice.get(char)
        if font is None:
            code = ord(char)
            font = next((f for f in self.fonts if code in f.widths), None)
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

    def width(self, text: str, size: float) -> float:
        """The advance width of ``text`` at ``size`` points."""
        total = 0.0
        for char in text:
            font = self.font_for(char)
            total += font.widths.get(ord(char), font.missing_width)
        return total * size / 1000.0
