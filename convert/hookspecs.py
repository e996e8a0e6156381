"""The hooks a docconv plugin can implement.

A plugin is a module (or object) registered under the ``docconv`` entry-point
group whose functions are marked with :data:`hookimpl`. Each hook returns a
list of declarations; docconv collects them from every plugin once per process.
"""

from __future__ import annotations

import pluggy

from .specs import Reader, Transform, Writer

hookspec = pluggy.HookspecMarker("docconv")
hookimpl = pluggy.HookimplMarker("docconv")


@hookspec
def register_readers() -> list[Reader]:  # type: ignore[empty-body]
    """Return the input readers this plugin provides.

    Called once, when docconv first needs its format table. A reader is chosen by
    ``-f NAME`` or by the input's file extension (``Reader.extensions``).
    """


@hookspec
def register_writers() -> list[Writer]:  # type: ignore[empty-body]
    """Return the output writers this plugin provides.

    Called once, when docconv first needs its format table. A writer is chosen by
    ``-t NAME`` (its name or an alias) or by the ``-o`` file's extension.
    """


@hookspec
def register_transforms() -> list[Transform]:  # type: ignore[empty-body]
    """Return the document transforms this plugin provides.

    Called once, when docconv first needs its format table. Transforms run
    between reader and writer, in the order ``-T NAME`` options are given.
    """
