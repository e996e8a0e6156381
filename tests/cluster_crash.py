"""A writer that kills its process on one article, as a crash in a C library or the kernel's
OOM killer would: registered in the test process and, as a Dask preload, in each worker."""

from __future__ import annotations

import os
from typing import Any

from convert import Document, Writer, hookimpl

POISON = "（7）"  # the headline of article 7 of cluster_fixtures.articles


class Crash:
    @hookimpl
    def register_writers(self) -> list[Writer]:
        def render(document: Document, options: object) -> bytes:
            if POISON in document.meta.title:
                os._exit(70)
            return document.meta.title.encode()

        return [Writer(name="crash", render=render, extension="crash", media_type="x/y",
                       description="the headline, or a dead process")]  # fmt: skip


plugin = Crash()


def dask_setup(worker: Any) -> None:
    """Dask's preload hook: the worker has the plugin too."""
    from convert.plugins import get_plugin_manager

    get_plugin_manager().register(plugin, "crash")
