"""Batch conversion: expand inputs, plan output paths, convert in worker processes.

One bad file never stops the batch (unless ``fail_fast``); each file's result
comes back as a :class:`FileResult` so the CLI can report it and sum up.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
import traceback
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from .decoding import DecodingWarning
from .errors import DocconvError, InputError, OptionError, OutputError, UsageError
from .inputs import DEFAULT_MAX_INPUT, read_stream
from .pipeline import Plan, PlanSpec, StdoutClosed, convert_one, read_source
from .records import Record, record

if TYPE_CHECKING:
    from .plugins import PluginManager
    from .storage import UrlTask

STDIN = "-"
log = logging.getLogger("docconv")
P = TypeVar("P", bound=PurePath)


class Task(NamedTuple):
    """One input and where each of its outputs goes (None: standard output). A named tuple,
    as Plan is: a frozen dataclass costs ten times as much to define, at every start."""

    source: str
    targets: tuple[Path | None, ...]


@record(frozen=True)
class FileResult(Record):
    source: str
    written: tuple[Path | str, ...] = ()
    skipped: bool = False
    error: str | None = None
    exit_code: int = 0
    traceback: str | None = None
    stops: bool = False
    """The command's problem, not the file's (an :class:`OptionError`): the batch stops."""


def ends_batch(result: FileResult, fail_fast: bool) -> bool:
    """Whether no more files should start after ``result`` (every runner asks this)."""
    return result.error is not None and (fail_fast or result.stops)


def raise_if_stopped(results: Iterable[FileResult]) -> None:
    """A batch that stopped on the command's problem raises it, once (workers converting
    at the same time may each have met it): the CLI shows one line, exit 2."""
    stopped = next((r for r in results if r.stops), None)
    if stopped is not None:
        error = OptionError(stopped.error)
        if stopped.traceback:  # shown with -v
            error.add_note(f"Raised converting {stopped.source}:\n{stopped.traceback}")
        raise error


def find_inputs(
    arguments: Sequence[str],
    patterns: Sequence[str],
    exclude: str | None,
    names: OutputNames,
) -> tuple[list[tuple[str, Path | None]], str | None]:
    """Each input file with the directory its output path is mirrored from, and the note
    on the files the folders hold that a reader takes but no pattern matched (for
    :func:`warn_unmatched`, once the run is planned: an error stays one line).

    Directories are searched recursively for files matching any of ``patterns`` (see
    :func:`search_folder`), skipping the ``exclude`` directory (the output directory) when
    it lies strictly inside the one searched. Files and ``-`` are taken as
    given (a missing file is reported when converted). A file reached twice (named, and
    inside a named directory) is converted once.
    """
    patterns = glob_patterns(patterns)
    found: list[tuple[str, Path | None]] = []
    seen: set[str] = set()
    left: dict[str, Counter[str]] = {}
    for argument in arguments:
        path = Path(argument)
        if argument != STDIN and path.is_dir():
            skip = _strictly_inside(exclude, argument)
            files = [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not (skip and os.path.realpath(p).startswith(skip))
            ]
            matched: set[Path] = set().union(*(path.rglob(pattern) for pattern in patterns))
            taken, left[argument] = search_folder(
                argument, path, files, matched.__contains__, patterns, names
            )
            candidates: list[tuple[str, Path | None]] = [(str(p), path) for p in taken]
        else:
            candidates = [(argument, None)]
        for source, base in candidates:
            key = source if source == STDIN else os.path.realpath(source)
            if key not in seen:
                seen.add(key)
                found.append((source, base))
    return found, unmatched_note(left, patterns)


def glob_patterns(patterns: Sequence[str]) -> tuple[str, ...]:
    """The ``--glob`` patterns, each once: at least one, none reaching outside the folders
    searched."""
    if not patterns:
        raise UsageError("--glob: give at least one pattern")
    for pattern in patterns:
        if not pattern or Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            raise UsageError(f"--glob {pattern!r}: give a pattern inside the directories searched")
    return tuple(dict.fromkeys(patterns))


def search_folder(
    folder: str,
    root: P,
    files: Sequence[P],
    matched: Callable[[P], bool],
    patterns: Sequence[str],
    names: OutputNames,
) -> tuple[list[P], Counter[str]]:
    """The files of ``folder`` (at ``root``) to convert, and how many others a reader takes,
    by suffix.

    ``files`` are every file below ``root`` (sorted; the output folder left out), ``matched``
    says which the patterns take. Hidden files and those in hidden folders (``.git/``,
    ``.venv/``) are never inputs. docconv's outputs of any file beside them (``x.zh-hans.txt``
    next to ``x.txt`` or ``x.md``) are neither taken nor counted, nor is a file with the stem
    of one taken (``x.md`` next to ``x.txt``: likely its earlier output, and converting both
    would write one file twice). Local folders and URLs share this.
    """
    depth = len(root.parts)
    visible = [p for p in files if not any(part.startswith(".") for part in p.parts[depth:])]
    kept = names.drop_outputs(visible)
    taken = [p for p in kept if matched(p)]
    stems = {_stem(p) for p in taken}
    others = [p for p in kept if not matched(p)]
    left = Counter(
        suffix
        for p in others
        if _stem(p) not in stems and (suffix := names.read_suffix(p.name)) is not None
    )
    if not taken:
        shown = " or ".join(repr(pattern) for pattern in patterns)
        note = f"; {_unmatched(left, patterns)}" if left else ""
        raise InputError(f"{folder}: a directory with no files matching {shown}{note}")
    return taken, left


def unmatched_note(left: Mapping[str, Counter[str]], patterns: Sequence[str]) -> str | None:
    """What the folders searched hold that a reader takes but no pattern matched (``.md``
    beside the default ``*.txt``), all folders in one line; None when nothing was left."""
    folders = [folder for folder, counts in left.items() if counts]
    if not folders:
        return None
    return f"{', '.join(folders)}: {_unmatched(sum(left.values(), Counter[str]()), patterns)}"


def warn_unmatched(note: str | None) -> None:
    """One warning per batch for the files its search left: never silently left out."""
    if note is not None:
        log.warning("%s", note)


def _unmatched(counts: Counter[str], patterns: Sequence[str]) -> str:
    """``4 files a reader takes were not matched by --glob '*.txt' (.md: 4); add ...``."""
    import shlex

    total = sum(counts.values())
    by_count = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    globs = " ".join(f"--glob {shlex.quote(pattern)}" for pattern in patterns)
    detail = ", ".join(f"{suffix}: {count}" for suffix, count in by_count)
    add = " ".join(f"--glob {shlex.quote('*' + suffix)}" for suffix, _ in by_count)
    one = total == 1
    return (
        f"{total} file{'' if one else 's'} a reader takes {'was' if one else 'were'} not matched "
        f"by {globs} ({detail}); add {add} to convert {'it' if one else 'them'}"
    )


def is_batch(files: Sequence[tuple[str, object]]) -> bool:
    """Whether found inputs (each with its folder, None when named) make a batch: several,
    or any taken from a folder. A folder is a batch whatever its --glob finds, so a script
    over archives sees one behaviour (a summary line, exit 7 on failure) for any count."""
    return len(files) > 1 or any(folder is not None for _, folder in files)


def check_output_folder(directory: Path, shown: str | None = None) -> None:
    """A batch's -d folder (or, while it does not exist, the folder it will be made in)
    takes files: else one error (naming it ``shown``, as the user wrote it) now, not one
    per input after converting each."""
    import tempfile

    shown = shown or str(directory)
    existing = next((p for p in (directory, *directory.parents) if p.exists()), None)
    if existing is None:
        return
    if not existing.is_dir():
        raise OutputError(f"{shown}: cannot write there ({existing} is a file, not a folder)")
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write there ({exc.strerror or exc})") from None


def _strictly_inside(inner: str | None, outer: str) -> str | None:
    """``inner``'s real path with a trailing separator if it lies below ``outer``, else None:
    an output folder equal to (or above) the folder searched must not hide its inputs."""
    if inner is None:
        return None
    real_inner, real_outer = os.path.realpath(inner), os.path.realpath(outer)
    return real_inner + os.sep if real_inner.startswith(real_outer + os.sep) else None


class OutputNames:
    """The names docconv gives outputs: ``STEM.[TRANSFORM.]...EXTENSION``.

    Only names that add more than one extension to a source's stem count
    (``x.zh-hans.txt``, ``x.brief.md``, ``x.simplified.txt`` beside ``x.txt``): ``x.docx``
    beside ``x.txt`` may be either one's source, so both stay inputs.

    It also tells which names a reader takes (:meth:`read_suffix`): a folder search counts
    the files its patterns left that docconv could read.
    """

    def __init__(self, pm: PluginManager) -> None:
        self._pm = pm

    @classmethod
    def installed(cls, pm: PluginManager) -> OutputNames:
        return cls(pm)

    # Listed when first needed: only a folder search needs them, and listing them imports
    # every plugin.
    @functools.cached_property
    def extensions(self) -> frozenset[str]:
        return frozenset(w.component.extension for w in self._pm.writers.all())

    @functools.cached_property
    def transforms(self) -> frozenset[str]:
        return frozenset(t.component.name for t in self._pm.transforms.all())

    def is_suffix(self, suffix: str) -> bool:
        """``zh-hans.txt``, ``brief.docx``, ``simplified.md``: a (tagged) writer extension."""
        if suffix in self.extensions:
            return True
        tag, _, rest = suffix.partition(".")
        return tag in self.transforms and bool(rest) and self.is_suffix(rest)

    def read_suffix(self, name: str) -> str | None:
        """``name``'s suffix (``.md``, as written) a reader takes by extension, or None."""
        extension = self._pm.read_extension(name)
        return None if extension is None else name[-len(extension) - 1 :]

    def drop_outputs(self, files: list[P]) -> list[P]:
        """``files`` less those named as docconv's output of another of them in their folder."""
        stems = {_stem(p) for p in files}
        return [p for p in files if not self._output_of_any(p, stems)]

    def _output_of_any(self, path: P, stems: set[P]) -> bool:
        name, own = path.name, _stem(path)
        for i, char in enumerate(name):
            suffix = name[i + 1 :]
            if char != "." or "." not in suffix:  # x.md beside x.txt: either may be the source
                continue
            source = path.parent / name[:i]
            if source != own and source in stems and self.is_suffix(suffix):
                return True
        return False


def _stem(path: P) -> P:
    return path.parent / (path.name.rsplit(".", 1)[0] or path.name)


def _relative_outputs(files: list[tuple[str, Path | None]]) -> dict[str, Path]:
    """Each input's output path (less its extension) relative to the output directory.

    Files from a directory argument mirror their place below it; files named directly
    go flat. If two inputs would then share an output name, every input mirrors its
    place below the inputs' common folder instead, so equal names never collide.
    """
    natural = {}
    for source, base in files:
        if source == STDIN:
            natural[source] = Path("stdin")
        else:
            natural[source] = Path(source).relative_to(base) if base else Path(Path(source).name)
    if len({_stem(rel) for rel in natural.values()}) == len(natural):
        return {source: _stem(rel) for source, rel in natural.items()}
    real = {source: Path(os.path.realpath(source)) for source, _ in files if source != STDIN}
    common = Path(os.path.commonpath([p.parent for p in real.values()])) if real else Path()
    return {
        source: Path("stdin") if source == STDIN else _stem(real[source].relative_to(common))
        for source, _ in files
    }


def plan_tasks(
    files: list[tuple[str, Path | None]],
    extensions: Sequence[str],
    output: str | None,
    directory: str | None,
) -> list[Task]:
    """Output paths for every input and format (``-o``, ``-d DIR`` or the current directory).

    Refuses, before any work, a plan in which two inputs would write one file or an
    output would replace an input.
    """
    if output is not None:
        [(source, _)] = files
        tasks = [Task(source, (None if output == "-" else Path(output),))]
    else:
        tasks = _tasks(files, extensions, directory)
        # A directory re-run finds this run's own earlier outputs (x.zh-hans.txt): not inputs.
        # A file that is its own output (x.txt to txt in its folder) stays, to be refused.
        made_from = {
            os.path.realpath(t): task.source
            for task in tasks
            for t in task.targets
            if t is not None
        }
        kept = [(s, b) for s, b in files if b is None or made_from.get(os.path.realpath(s), s) == s]
        if len(kept) < len(files):
            tasks = _tasks(kept, extensions, directory)
    check_targets(tasks)
    return tasks


def _tasks(
    files: list[tuple[str, Path | None]], extensions: Sequence[str], directory: str | None
) -> list[Task]:
    base = Path(directory) if directory is not None else Path()
    relative = _relative_outputs(files)
    tasks = []
    for source, _ in files:
        if source == STDIN and directory is None:
            tasks.append(Task(source, tuple(None for _ in extensions)))
            continue
        stem = base / relative[source]
        tasks.append(
            Task(source, tuple(stem.with_name(f"{stem.name}.{ext}") for ext in extensions))
        )
    return tasks


class Planned(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def targets(self) -> Sequence[str | Path | None]: ...


def check_targets(
    tasks: Sequence[Planned],
    key: Callable[[str], str] = os.path.realpath,
    is_input: Callable[[str], bool] = os.path.isfile,
) -> None:
    """Refuse a plan that writes over an input or writes two inputs to one output;
    ``key`` makes names comparable (real paths on disk, the URL itself in a store)."""
    inputs = {key(t.source): t.source for t in tasks if is_input(t.source)}
    writers: dict[str, str] = {}
    for task in tasks:
        for target in task.targets:
            if target is None:
                continue
            real = key(str(target))
            if real in inputs:
                raise OutputError(f"{target}: refusing to overwrite the input file {inputs[real]}")
            if real in writers and writers[real] != task.source:
                raise UsageError(
                    f"{writers[real]} and {task.source} would both be written to {target}; "
                    "convert them separately or rename one"
                )
            writers[real] = task.source


def _up_to_date(source: str, targets: Iterable[Path | None]) -> bool:
    """True when every output exists and is newer than the input."""
    try:
        source_mtime = Path(source).stat().st_mtime
        return all(t is not None and t.stat().st_mtime >= source_mtime for t in targets)
    except OSError:
        return False


def convert_task(
    task: Task | UrlTask, plan: Plan, skip_existing: bool = False, limit: int = DEFAULT_MAX_INPUT
) -> FileResult:
    """Convert one input into all its outputs; never raises for a per-file problem
    (only :class:`StdoutClosed`, which ends the run)."""
    if not isinstance(task, Task):
        from .storage import convert_url_task

        return convert_url_task(task, plan, skip_existing, limit)
    if skip_existing and task.source != STDIN and _up_to_date(task.source, task.targets):
        return FileResult(task.source, skipped=True)

    def work() -> list[Path]:
        if task.source == STDIN:
            data, name, filename = read_stream(sys.stdin.buffer, "<stdin>", limit), "<stdin>", None
        else:
            data, name = read_source(Path(task.source), task.source, limit=limit)  # a path
            filename = task.source
        return convert_one(plan, data, name, filename, task.targets)

    return guarded(task.source, work)


def guarded(source: str, work: Callable[[], Sequence[Path | str]]) -> FileResult:
    """Run one file's ``work`` (it returns the outputs written) into a :class:`FileResult`:
    a failure becomes the result's error line and exit code."""
    try:
        with _decoding_warnings_logged(source if source != STDIN else "<stdin>"):
            written = work()
        return FileResult(source, written=tuple(written))
    except StdoutClosed:
        raise
    except Exception as exc:
        if isinstance(exc, DocconvError):
            message, code = str(exc), exc.exit_code
        else:
            message, code = f"{source}: internal error: {type(exc).__name__}: {exc}", 1
        return FileResult(
            source,
            error=message,
            exit_code=code,
            traceback=traceback.format_exc(),
            stops=isinstance(exc, OptionError),
        )


@contextlib.contextmanager
def _decoding_warnings_logged(name: str) -> Iterator[None]:
    """A reader's :class:`DecodingWarning` as one ``docconv: warning: NAME: ...`` line
    (once, though format sniffing may decode twice); other warnings pass through."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DecodingWarning)
        yield
    for message in dict.fromkeys(str(w.message) for w in caught if w.category is DecodingWarning):
        log.warning("%s: %s", name, message)
    for w in caught:
        if w.category is not DecodingWarning:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def run(
    tasks: Sequence[Task | UrlTask],
    spec: PlanSpec,
    plan: Plan,
    jobs: int,
    skip_existing: bool = False,
    fail_fast: bool = False,
    on_result: Callable[[FileResult], None] = lambda r: None,
) -> list[FileResult]:
    """Convert all tasks, calling ``on_result`` as each finishes; results in input order.

    With ``jobs`` > 1, worker processes convert chunks of files (see
    :mod:`convert.workers` for interrupts and workers that die).
    """
    results: dict[int, FileResult] = {}

    def report(index: int, result: FileResult) -> None:
        results[index] = result
        if not result.stops:  # raised once below
            on_result(result)

    if jobs <= 1 or len(tasks) <= 1:
        for index, task in enumerate(tasks):
            report(index, convert_task(task, plan, skip_existing, spec.max_input_size))
            if ends_batch(results[index], fail_fast):
                break
    else:
        from .workers import run_parallel

        local = [task for task in tasks if isinstance(task, Task)]
        if len(local) < len(tasks):
            raise UsageError("URLs are converted by one process, or by a cluster (--cluster)")
        run_parallel(local, spec, plan, jobs, skip_existing, fail_fast, report)
    raise_if_stopped(results.values())
    return [results[i] for i in sorted(results)]


def check_stdin_once(tasks: Sequence[Task | UrlTask]) -> None:
    if sum(task.source == STDIN for task in tasks) > 1:
        raise UsageError("- (standard input) may be given only once")
