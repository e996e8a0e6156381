"""Read an input file or stream in chunks, up to a size limit.

An endless or huge input (``/dev/zero``, a runaway pipe) stops at the limit with an
:class:`InputError` instead of filling memory, and signals are served between chunks.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, UsageError

DEFAULT_MAX_INPUT = 256 * 2**20
"""The largest input read by default (256 MiB): far beyond any article, below harm."""

CHUNK = 2**20
_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}


def parse_size(text: str) -> int:
    """``"256M"`` → bytes; K, M and G are binary multiples (KiB, MiB, GiB)."""
    match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)(?:I?B)?\s*", text.upper())
    if match is None or int(match[1]) == 0:
        raise UsageError(f"--max-input-size: expected a size such as 256M or 1G, got {text!r}")
    return int(match[1]) * _UNITS[match[2]]


def describe_size(size: int) -> str:
    for unit in ("G", "M", "K"):
        if size % _UNITS[unit] == 0:
            return f"{size // _UNITS[unit]} {unit}iB"
    return f"{size} bytes"


def _too_large(display: str, limit: int) -> InputError:
    return InputError(
        f"{display}: larger than the input limit of {describe_size(limit)} (see --max-input-size)"
    )


def read_stream(stream: BinaryIO, display: str, limit: int = DEFAULT_MAX_INPUT) -> bytes:
    """All of ``stream``, or :class:`InputError` once it passes ``limit`` bytes."""
    data = bytearray()
    while chunk := stream.read(min(CHUNK, limit + 1 - len(data))):
        data += chunk
        if len(data) > limit:
            raise _too_large(display, limit)
    return bytes(data)


def read_path(path: Path, display: str, limit: int = DEFAULT_MAX_INPUT) -> bytes:
    """The bytes of the file at ``path``; errors are :class:`InputError` naming ``display``."""
    try:
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size > limit:  # a regular file says its size
                raise _too_large(display, limit)
            return read_stream(stream, display, limit)
    except FileNotFoundError:
        raise InputError(f"{display}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{display}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{display}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{display}: cannot read ({exc.strerror or exc})") from None
