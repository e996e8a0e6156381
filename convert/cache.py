"""Where docconv keeps what it can compute again: the user's cache directory.

``$DOCCONV_CACHE_DIR`` if set, else ``docconv`` in ``$XDG_CACHE_HOME`` (``%LOCALAPPDATA%`` on
Windows, ``~/.cache`` otherwise). Anything in it may be deleted at any time.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from pathlib import Path

CACHE_ENV = "DOCCONV_CACHE_DIR"

_BUILTIN_HASH_LIMIT = 1 << 20
"""Data up to this many bytes is hashed by Python's own SHA-256 (hashlib's fallback), larger
by OpenSSL's: loading OpenSSL through hashlib costs 3-4 ms of every start, while it hashes
faster per byte. Both give the same digest."""


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of ``data`` in hexadecimal."""
    if len(data) <= _BUILTIN_HASH_LIMIT:
        for module in ("_sha2", "_sha256"):  # Python 3.12+, 3.11
            try:
                return str(importlib.import_module(module).sha256(data).hexdigest())
            except ImportError:
                continue
    import hashlib

    return hashlib.sha256(data).hexdigest()


def stamped_name(prefix: str, files: Iterable[Path], *versions: object, suffix: str = "") -> str:
    """``PREFIX-DIGEST[SUFFIX]``: a cache file name that changes whenever one of ``files`` is
    edited, replaced, removed (path, size, modification time) or ``versions`` change, so a
    stale cache file is never read again."""
    stamps: list[object] = [*versions]
    for file in files:
        try:
            stat = os.stat(file)
        except OSError:
            stamps.append((str(file), -1, -1))
        else:
            stamps.append((str(file), stat.st_size, stat.st_mtime_ns))
    return f"{prefix}-{sha256_hex(repr(stamps).encode())[:16]}{suffix}"


def cache_dir() -> Path:
    """docconv's cache directory (not created here: writers create it and tolerate failure)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "docconv"


def writable_cache_dir(*parts: str) -> Path | None:
    """``cache_dir() / parts``, created; None when it cannot be (a read-only home): callers
    then compute again instead of caching."""
    path = cache_dir().joinpath(*parts)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def write_whole(path: Path, data: bytes) -> None:
    """Replace ``path`` whole (mode 0644), so a concurrent reader or a racing worker never sees
    half a file; raises OSError, leaving nothing behind, when it cannot."""
    import tempfile  # with random and shutil: 3-4 ms, only when a cache file is written

    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".docconv-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise
