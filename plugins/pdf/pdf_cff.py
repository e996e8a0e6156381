"""OpenType/CFF faces (Noto Serif CJK, Source Han) made usable by reportlab.

reportlab embeds TrueType outlines only. With fontTools, the glyphs a document
needs are read from the CFF face, their cubic curves turned into quadratic ones
(``cu2qu``, within 1 unit of 1000 per em) and written to a small TrueType font in
the cache directory. The copy grows: a later document converts only the characters
the copy lacks, so after a few articles a conversion is rare. Converting costs about
0.7 ms a glyph plus ~0.3 s to read the face and write the copy; a cache hit costs
no fontTools at all.
"""

from __future__ import annotations

import atexit
import bisect
import functools
import hashlib
import marshal
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from convert.cache import stamped_name, write_whole

_VERSION = "3"  # 3: coverage stored as runs (a copy and its listing are one version)
_MAX_ERROR = 1.0
"""Largest distance, in font units, between a cubic curve and its quadratic copy."""


@functools.cache
def _private_dir() -> Path:
    """A directory for this process's copies when there is no writable cache directory."""
    path = Path(tempfile.mkdtemp(prefix="docconv-fonts-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def _names(path: Path, index: int, directory: Path) -> tuple[Path, Path]:
    stem = stamped_name("cff", [path.resolve()], _VERSION, index)
    return directory / f"{stem}.ttf", directory / f"{stem}.runs"


def truetype_copy(
    path: Path, index: int, chars: Iterable[int], directory: Path | None, *, fresh: bool = False
) -> Path:
    """A TrueType font with face ``index`` of ``path``'s glyphs for ``chars`` (those it has).

    ``fresh`` converts from scratch, ignoring a cached copy (one that turned out damaged).
    """
    target, listing = _names(path, index, directory or _private_dir())
    coverage, done = _listing(listing) if not fresh else (None, frozenset[int]())
    wanted = set(chars)
    lacking = (code for code in wanted - done if coverage and _within(code, coverage))
    if coverage is not None and target.is_file() and next(lacking, None) is None:
        return target
    font, covered = _convert(path, index, wanted | done, target if done else None)
    write_whole(target, font)
    write_whole(listing, marshal.dumps((_runs(covered), sorted(wanted & covered | done))))
    return target


def _runs(codes: Iterable[int]) -> list[int]:
    """Code points as the bounds of their runs, ``[start, end, start, end, ...]`` (end
    excluded): a CJK face's 45,000 characters are a few hundred runs, read in no time."""
    bounds: list[int] = []
    for code in sorted(codes):
        if bounds and bounds[-1] == code:
            bounds[-1] = code + 1
        else:
            bounds += [code, code + 1]
    return bounds


def _within(code: int, bounds: list[int]) -> bool:
    """Whether ``code`` is in one of the runs :func:`_runs` gave."""
    return bisect.bisect_right(bounds, code) % 2 == 1


def _listing(listing: Path) -> tuple[list[int] | None, frozenset[int]]:
    """(the runs of code points the face has, the code points the copy has), or (None,
    empty) if unknown."""
    try:
        stamp = listing.stat().st_mtime_ns
    except OSError:
        return None, frozenset()
    return _read_listing(listing, stamp)


@functools.lru_cache(maxsize=16)
def _read_listing(listing: Path, stamp: int) -> tuple[list[int] | None, frozenset[int]]:
    """Read once per process and version of the file (``stamp`` is its mtime)."""
    try:
        stored = marshal.loads(listing.read_bytes())
        return list(stored[0]), frozenset(stored[1])
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        return None, frozenset()


def _convert(
    path: Path, index: int, wanted: set[int], previous: Path | None
) -> tuple[bytes, set[int]]:
    """(TrueType font bytes, every code point the face has) for the ``wanted`` characters."""
    import io

    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont

    source = TTFont(str(path), fontNumber=index, lazy=True)
    cmap = source.getBestCmap()
    codes = sorted(code for code in wanted if code in cmap)
    reused: dict[int, Any] = {}
    if previous is not None:
        old = TTFont(str(previous))
        old_cmap, old_glyf = old.getBestCmap(), old["glyf"]
        reused = {code: old_glyf[old_cmap[code]] for code in codes if code in old_cmap}
    glyph_set = source.getGlyphSet()
    hmtx = source["hmtx"]

    def outline(name: str) -> Any:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, _MAX_ERROR, reverse_direction=True))
        return pen.glyph()

    names = {code: f"u{code:04X}" for code in codes}
    glyphs = {".notdef": outline(".notdef")}
    advances = {".notdef": hmtx[".notdef"][0]}
    for code in codes:
        glyphs[names[code]] = reused.get(code) or outline(cmap[code])
        advances[names[code]] = hmtx[cmap[code]][0]
    builder = FontBuilder(source["head"].unitsPerEm, isTTF=True)
    builder.setupGlyphOrder(list(glyphs))
    builder.setupCharacterMap(names)
    builder.setupGlyf(glyphs)
    glyf = builder.font["glyf"]
    metrics = {}
    for name in glyphs:
        glyph = glyf[name]
        glyph.recalcBounds(glyf)
        metrics[name] = (advances[name], getattr(glyph, "xMin", 0))
    builder.setupHorizontalMetrics(metrics)
    hhea, os2 = source["hhea"], source["OS/2"]
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    family = str(source["name"].getDebugName(1) or path.stem)
    ps_name = str(source["name"].getDebugName(6) or path.stem).replace(" ", "")
    # reportlab shares one parsed face among fonts of one PostScript name, so each
    # version of the growing copy gets its own name.
    version = hashlib.sha256(repr(codes).encode()).hexdigest()[:6].upper()
    builder.setupNameTable(
        {"familyName": family, "styleName": "Regular", "psName": f"{ps_name}-TT{version}"}
    )
    builder.setupOS2(
        sTypoAscender=os2.sTypoAscender,
        sTypoDescender=os2.sTypoDescender,
        sTypoLineGap=os2.sTypoLineGap,
        usWinAscent=os2.usWinAscent,
        usWinDescent=os2.usWinDescent,
        usWeightClass=os2.usWeightClass,
        fsType=os2.fsType,
        sCapHeight=getattr(os2, "sCapHeight", 0),
    )
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue(), set(cmap)
