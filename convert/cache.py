"""Where docconv keeps what it can compute again: the user's cache directory.

``$DOCCONV_CACHE_DIR`` if set, else ``docconv`` in ``$XDG_CACHE_HOME`` (``%LOCALAPPDATA%`` on
Windows, ``~/.cache`` otherwise). Anything in it may be deleted at any time.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "DOCCONV_CACHE_DIR"


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
