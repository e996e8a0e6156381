"""Inputs and outputs named by fsspec URLs (``s3://``, ``gs://``, ``file://``).

Workers on other machines see the same files only through shared storage, so a batch
may read from and write to any store fsspec knows. Only runs that name a URL import
this module's libraries: plain paths keep :mod:`convert.batch`'s code path.

Atomic replacement: a local file (``file://`` or a plain path) is written through a
temporary file and a rename (:func:`convert.output.write_atomic`). Object stores have no
rename; there each output is one whole-object upload (``pipe_file``: a PUT, or a multipart
upload completed in one call), which a store such as S3 makes visible all at once: readers
see the old object or the new one, never a part, and a failed upload leaves no object.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .errors import InputError, OutputError, UsageError
from .inputs import describe_size, read_stream

if TYPE_CHECKING:
    from .batch import FileResult, OutputNames
    from .pipeline import Plan

EXTRA = "pip install 'docconv[cluster]'"


def is_url(name: str | None) -> bool:
    """True for ``scheme://...``: a name fsspec resolves, not a plain path."""
    return name is not None and "://" in name


@dataclass(frozen=True)
class UrlTask:
    """One input URL and the URL (or path) of each of its outputs."""

    source: str
    targets: tuple[str, ...]


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem serving ``url`` and the path inside it."""
    try:
        import fsspec
    except ImportError:
        raise UsageError(f"{url}: reading URLs needs fsspec: {EXTRA}") from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except ImportError as exc:  # s3fs, gcsfs... missing: fsspec's message names the package
        raise UsageError(f"{url}: {exc}") from None
    except ValueError as exc:
        raise UsageError(f"{url}: {exc}") from None
    return fs, str(path)


def _is_local(fs: Any) -> bool:
    from fsspec.implementations.local import LocalFileSystem

    return isinstance(fs, LocalFileSystem)


def find_inputs(
    arguments: Sequence[str], patterns: Sequence[str], exclude: str | None, names: OutputNames
) -> tuple[list[tuple[str, str | None]], str | None]:
    """Each input URL with the folder URL its output is mirrored from (None: named directly),
    and the note on files left (see :func:`convert.batch.find_inputs`).

    Like :func:`convert.batch.find_inputs`: folders are searched recursively for names
    matching any of ``patterns``, the output folder skipped, and
    :func:`convert.batch.search_folder` picks the inputs.
    """
    from .batch import glob_patterns, search_folder, unmatched_note

    patterns = glob_patterns(patterns)
    found: list[tuple[str, str | None]] = []
    left: dict[str, Counter[str]] = {}
    skip = filesystem(exclude)[1].rstrip("/") + "/" if exclude is not None else None
    for argument in arguments:
        if argument == "-":
            raise UsageError("- (standard input) cannot be mixed with URLs")
        fs, root = filesystem(argument)
        try:
            folder = fs.isdir(root)
        except OSError as exc:
            raise InputError(f"{argument}: cannot read ({exc})") from None
        if not folder:
            found.append((fs.unstrip_protocol(root), None))
            continue
        root = root.rstrip("/")
        files = [
            PurePosixPath(p)
            for p in sorted(fs.find(root))
            if not (skip and skip.startswith(root + "/") and (p + "/").startswith(skip))
        ]
        taken, left[argument] = search_folder(
            argument,
            PurePosixPath(root),
            files,
            lambda path: any(path.match(pattern) for pattern in patterns),
            patterns,
            names,
        )
        base = fs.unstrip_protocol(root)
        found += [(fs.unstrip_protocol(str(p)), base) for p in taken]
    first: dict[str, str | None] = {}
    for url, base in found:  # a file named and also inside a folder named: converted once
        first.setdefault(url, base)
    return list(first.items()), unmatched_note(left, patterns)


def plan_tasks(
    files: list[tuple[str, str | None]], extensions: Sequence[str], directory: str | None
) -> list[UrlTask]:
    """Each input's output URLs below ``directory`` (the current directory if None)."""
    from .batch import check_targets

    base = (directory or ".").rstrip("/")
    tasks = []
    for source, folder in files:
        relative = posixpath.relpath(source, folder) if folder else posixpath.basename(source)
        stem = relative.rsplit(".", 1)[0] if "." in posixpath.basename(relative) else relative
        tasks.append(UrlTask(source, tuple(f"{base}/{stem}.{ext}" for ext in extensions)))
    check_targets(tasks, key=str, is_input=lambda source: True)
    return tasks


def check_output_folder(url: str) -> None:
    """A batch's -d URL takes files: a local folder as :func:`convert.batch.check_output_folder`
    checks it; in an object store, its bucket can be reached and exists (one request, nothing
    written: a probe object would outlive a versioned bucket or write-only credentials).
    Else one error now, not one per input after converting each."""
    from .batch import check_output_folder as check_local_folder

    fs, path = filesystem(url)
    if _is_local(fs):
        check_local_folder(Path(path), url)
        return
    if not hasattr(fs, "split_path"):  # no buckets (memory://, ftp://...): writes tell
        return
    bucket = fs.split_path(path)[0]
    try:
        fs.info(bucket)
    except FileNotFoundError:
        raise OutputError(f"{url}: cannot write there (no bucket named {bucket!r})") from None
    except (PermissionError, NotImplementedError):
        return  # not allowed to look (write-only credentials) or cannot: the writes tell
    except Exception as exc:  # no credentials, no connection: every write would fail alike
        problem = f"{type(exc).__name__}: {exc}"
        raise OutputError(f"{url}: cannot write there ({problem})") from None


def _up_to_date(task: UrlTask) -> bool:
    """True when every output exists and was modified after the input."""
    try:
        fs, path = filesystem(task.source)
        changed = fs.modified(path)
        for target in task.targets:
            target_fs, target_path = filesystem(target)
            if target_fs.modified(target_path) < changed:
                return False
        return True
    except (OSError, NotImplementedError, TypeError):
        return False


def read(url: str, limit: int) -> bytes:
    """The bytes at ``url``, or :class:`InputError` (missing, unreadable, over ``limit``)."""
    fs, path = filesystem(url)
    try:
        if fs.isdir(path):
            raise InputError(f"{url}: is a folder, not a file")
        if fs.size(path) > limit:
            raise InputError(
                f"{url}: larger than the input limit of {describe_size(limit)} "
                "(see --max-input-size)"
            )
        with fs.open(path, "rb") as stream:
            return read_stream(stream, url, limit)
    except FileNotFoundError:
        raise InputError(f"{url}: no such file") from None
    except OSError as exc:
        raise InputError(f"{url}: cannot read ({exc})") from None


def write(url: str, data: bytes, source: str) -> None:
    """Write ``data`` to ``url`` whole (see the module's note on atomic replacement)."""
    from .output import write_atomic

    fs, path = filesystem(url)
    if _is_local(fs):
        source_fs, source_path = filesystem(source)
        inputs = [Path(source_path)] if _is_local(source_fs) else []
        write_atomic(Path(path), data, inputs)
        return
    try:
        fs.pipe_file(path, data)
    except OSError as exc:
        raise OutputError(f"{url}: cannot write ({exc})") from None


def convert_url_task(task: UrlTask, plan: Plan, skip_existing: bool, limit: int) -> FileResult:
    """:func:`convert.batch.convert_task` for inputs and outputs named by URLs."""
    from .batch import FileResult, guarded

    if skip_existing and _up_to_date(task):
        return FileResult(task.source, skipped=True)

    def work() -> list[str]:
        data = read(task.source, limit)
        written = []
        for (_, rendered), target in zip(
            plan.run(data, task.source, task.source), task.targets, strict=True
        ):
            write(target, rendered, task.source)
            written.append(target)
        return written

    return guarded(task.source, work)
