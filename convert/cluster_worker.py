"""A Dask worker process made ready for docconv: malloc as in a plain process, and (as a
preload) plugins, fonts and dictionaries loaded when the worker starts.

Dask's nanny starts every worker with ``MALLOC_TRIM_THRESHOLD_=65536``. Setting any glibc
malloc threshold turns off glibc's adaptive one, so every allocation above 128 KiB is then
mapped and unmapped again (page faults, system time): docconv's conversions, which build and
drop large strings and buffers, pay for it on every file. :func:`undo_malloc_trim` sets the
thresholds glibc's adaptive rule would reach at most; :mod:`convert.cluster` calls it when
a worker builds its first plan, so every worker gets it.

``dask worker ADDRESS --preload convert.cluster_worker`` (``LocalCluster(preload=[...])``)
also renders a small document to every installed format when the worker starts, as the
local pool's parent does before forking: the first files of a run then find the plugins,
heavy libraries, fonts and dictionaries loaded. It costs each worker about a second of CPU,
once, and some 20 MiB (every format's libraries, not only those a run uses).
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import sys
from typing import Any

TRIM_VARIABLE = "MALLOC_TRIM_THRESHOLD_"
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)
MMAP_CEILING = 32 * 2**20  # glibc's ceiling for its adaptive mmap threshold (64-bit)
_tuned = False


def undo_malloc_trim() -> bool:
    """When ``MALLOC_TRIM_THRESHOLD_`` is set (Dask's nanny sets it), set glibc's mmap
    threshold to the ceiling of its adaptive rule and the trim threshold to twice that, as
    the adaptive rule does; True if this process is now so (done once per process)."""
    global _tuned
    if not _tuned and TRIM_VARIABLE in os.environ and sys.platform.startswith("linux"):
        mallopt = getattr(ctypes.CDLL(None), "mallopt", None)  # not in every C library
        if mallopt is not None:
            mmap = mallopt(M_MMAP_THRESHOLD, MMAP_CEILING)
            _tuned = bool(mmap and mallopt(M_TRIM_THRESHOLD, 2 * MMAP_CEILING))
    return _tuned


def warm_everything() -> None:
    """Load the plugins and render a small document to every installed output format."""
    from .pipeline import PlanSpec
    from .plugins import get_plugin_manager
    from .workers import warm_up

    manager = get_plugin_manager()
    for writer in manager.writers.all():
        try:
            plan = PlanSpec((writer.component.name,)).build(manager)
        except Exception:  # a writer that cannot build without options: its files will say
            continue
        warm_up(plan)


async def dask_setup(worker: Any) -> None:
    """Dask's preload hook: tune malloc, then warm up in a thread (the worker's event loop
    keeps answering the scheduler meanwhile)."""
    undo_malloc_trim()
    await asyncio.get_running_loop().run_in_executor(None, warm_everything)
