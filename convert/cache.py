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
