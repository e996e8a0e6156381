"""The ``docconv`` command line."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from .errors import DocconvError, UsageError, one_line

# Imported when a command runs, not for --help: the pipeline, the plugins, logging (in
# .messages), json, pathlib, dataclasses and signal each cost milliseconds of every start.
if TYPE_CHECKING:
    from pathlib import Path

    from . import batch
    from .pipeline import Plan, PlanSpec
    from .plugins import PluginManager
    from .storage import UrlTask

BATCH_FAILED = 7
F = TypeVar("F", bound=Callable[..., Any])

EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  1  internal error (a bug: please report it with the output of -v)
  2  usage error (bad arguments or options)
  3  input error (missing, unreadable, not text, cannot be decoded)
  4  unknown format, transform or reader
  5  a reader, transform or writer failed
  6  output cannot be written
  7  one or more files of a batch failed (every other file was converted)
  130 interrupted by SIGINT, SIGTERM or SIGHUP (finished outputs are complete)"""


def _verbosity(f: F) -> F:
    """-v/-q accepted both before and after the sub-command."""

    def remember(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            from .messages import configure

            ctx.ensure_object(dict)
            ctx.find_root().ensure_object(dict)[param.name] = True
            configure(**{k: ctx.find_root().obj.get(k, False) for k in ("verbose", "quiet")})

    f = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=remember,
        help="Show debug messages and tracebacks.",
    )(f)
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=remember,
        help="Show errors only.",
    )(f)


def _report(error: BaseException) -> None:
    from .messages import report

    report(error)


class _Group(click.Group):
    """Reports click's usage errors as one line, like every other docconv error."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        try:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.ClickException as error:
            if not standalone_mode:
                raise
            ctx = error.ctx if isinstance(error, click.UsageError) else None
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            click.echo(f"docconv: error: {one_line(error.format_message())}{hint}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            if not standalone_mode:
                raise
            click.echo("docconv: aborted", err=True)
            sys.exit(130)
        except Exception as error:  # a bug: one line (the traceback with -v), exit 1
            if not standalone_mode:
                raise
            _report(error)
            sys.exit(getattr(error, "exit_code", 1))


@click.group(
    "docconv",
    cls=_Group,
    epilog=EXIT_CODES_HELP,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="docconv", prog_name="docconv")
@_verbosity
@click.pass_context
def main(ctx: click.Context) -> None:
    """Convert news articles (Chinese first) to DOCX, PDF, Simplified Chinese, briefs and more."""
    from .messages import configure

    # docconv works in parallel by processes (--jobs, Dask workers), so BLAS threads would
    # only compete with them; OpenBLAS starting them costs ~80 ms of CPU when numpy loads.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    flags = ctx.ensure_object(dict)
    configure(verbose=flags.get("verbose", False), quiet=flags.get("quiet", False))


def _parse_options(pairs: Sequence[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"-O expects KEY=VALUE, got {pair!r}")
        options[key.strip()] = value
    return options


def _formats_from_output(output: str | None, pm: PluginManager) -> list[str]:
    if output is None or output == "-":
        raise UsageError("no output format: pass -t FORMAT, or -o FILE with a known extension")
    from .pipeline import format_for_output

    return [format_for_output(output, pm)]


def _prepare(
    inputs: Sequence[str],
    formats: Sequence[str],
    transforms: Sequence[str],
    output: str | None,
    directory: str | None,
    options: Sequence[str],
    reader: str | None,
    encoding: str | None,
    patterns: Sequence[str],
    max_input_size: str,
) -> tuple[PlanSpec, Plan, list[batch.Task] | list[UrlTask], bool]:
    """Validate everything that does not depend on file contents, before any work; the
    last value says whether this is a batch (see :func:`convert.batch.is_batch`)."""
    from pathlib import Path

    from . import batch
    from .inputs import parse_size
    from .pipeline import PlanSpec, refuse_binary_to_terminal
    from .plugins import get_plugin_manager
    from .storage import is_url

    _check_source_date_epoch()
    pm = get_plugin_manager()
    if output is not None and directory is not None:
        raise UsageError("use either -o or -d, not both")
    if output == "" or directory == "":
        raise UsageError("-o and -d need a name (-o - for standard output)")
    spec = PlanSpec(
        tuple(formats) or tuple(_formats_from_output(output, pm)),
        tuple(transforms),
        _parse_options(options),
        reader,
        encoding,
        parse_size(max_input_size),
    )
    plan = spec.build(pm)
    if any(is_url(name) for name in (*inputs, output, directory)):
        return (spec, plan, *_plan_urls(inputs, patterns, directory, output, plan, pm))
    files, unmatched = batch.find_inputs(
        inputs, patterns, directory, batch.OutputNames.installed(pm)
    )
    many = batch.is_batch(files)
    if output is not None and (many or len(spec.formats) > 1):
        raise UsageError(
            "-o takes one input file and one format; use -d DIR for folders and several files"
        )
    if output not in (None, "-"):
        _check_output_file(Path(output), plan.outputs[0].writer.component.name, pm)
    if directory is not None:
        batch.check_output_folder(Path(directory))
    extensions = plan.extensions
    tasks = batch.plan_tasks(files, extensions, output, directory)
    batch.check_stdin_once(tasks)
    to_stdout = any(target is None for task in tasks for target in task.targets)
    if to_stdout and len(extensions) > 1:
        raise UsageError("standard output takes one format; use -d DIR for several")
    if to_stdout:
        refuse_binary_to_terminal(plan.outputs[0].writer.component)
    batch.warn_unmatched(unmatched)
    return spec, plan, tasks, many


def _plan_urls(
    inputs: Sequence[str],
    patterns: Sequence[str],
    directory: str | None,
    output: str | None,
    plan: Plan,
    pm: PluginManager,
) -> tuple[list[UrlTask], bool]:
    """Inputs or outputs named by URLs (s3://, file://...): see :mod:`convert.storage`."""
    from . import storage
    from .batch import OutputNames, is_batch, warn_unmatched

    if output is not None:
        raise UsageError("with URLs, give the output folder with -d (not -o)")
    files, unmatched = storage.find_inputs(inputs, patterns, directory, OutputNames.installed(pm))
    tasks = storage.plan_tasks(files, plan.extensions, directory)
    many = is_batch(files)
    if directory is not None:
        storage.check_output_folder(directory)
    warn_unmatched(unmatched)
    return tasks, many


def _check_source_date_epoch() -> None:
    """Reproducible builds' timestamp, checked once for every format (writers read it)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is not None and not raw.strip().isdigit():
        raise UsageError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got {raw!r}")


def _check_output_file(path: Path, writer: str, pm: PluginManager) -> None:
    """-o needs an existing directory; a file named for another format gets a warning."""
    from .errors import OutputError
    from .messages import log

    if not path.parent.is_dir():
        raise OutputError(f"{path}: directory {path.parent} does not exist")
    named = pm.writer_for_path(path.name)
    if named is not None and named.component.name != writer:
        log.warning("%s: writing %s into a file named for %s", path, writer, named.component.name)


def _connect(address: str) -> Any:
    """A client of the Dask scheduler at ``address`` (imports dask only here). Dask's own
    log (a lost scheduler is a traceback on stderr) shows with -v only: docconv says what
    went wrong in its one line."""
    import logging

    from .cluster import connect
    from .messages import is_verbose

    if not is_verbose():
        with contextlib.suppress(ImportError):  # connect() says it is missing
            import distributed  # noqa: F401  (it sets its loggers up when imported)
        loggers = logging.root.manager.loggerDict
        for name in ["distributed", *(n for n in loggers if n.startswith("distributed."))]:
            logger = logging.getLogger(name)
            if name == "distributed" or logger.level != logging.NOTSET:
                logger.setLevel(logging.CRITICAL)
    return connect(address)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _interrupted() -> NoReturn:
    from .messages import log

    log.error("interrupted; finished outputs are complete, none is partial")
    sys.exit(130)


def _quiet_stdout() -> None:
    """After the reader of standard output went away: point it at /dev/null, so that
    Python's final flush does not complain about the closed pipe."""
    with open(os.devnull, "wb") as null, contextlib.suppress(OSError, ValueError):
        os.dup2(null.fileno(), sys.stdout.fileno())


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-t",
    "--to",
    "formats",
    multiple=True,
    metavar="FORMAT",
    help="Output format (repeatable). Default: from the -o extension.",
)
@click.option(
    "-T",
    "--transform",
    "transforms",
    multiple=True,
    metavar="NAME",
    help="Apply a transform before writing (repeatable, applied in order).",
)
@click.option(
    "-o", "--output", metavar="FILE", help="Output file for one input and format; - for stdout."
)
@click.option(
    "-d",
    "--output-dir",
    "directory",
    metavar="DIR",
    help="Write outputs into DIR (created if missing), mirroring input folders.",
)
@click.option(
    "-O",
    "--option",
    "options",
    multiple=True,
    metavar="KEY=VALUE",
    help="Option for the reader, writer or transform declaring KEY (NAME.KEY targets one).",
)
@click.option("-f", "--from", "reader", metavar="FORMAT", help="Force the input reader.")
@click.option(
    "--encoding",
    metavar="NAME",
    help="Force the input text encoding (readers declaring an 'encoding' option).",
)
@click.option(
    "--glob",
    "patterns",
    multiple=True,
    default=("*.txt",),
    show_default=True,
    metavar="PATTERN",
    help="Files to take from directory inputs, searched recursively (repeatable: a file "
    "matching any is taken).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Parallel worker processes [default: one per CPU for several files; "
    "at most one per file and two per CPU].",
)
@click.option(
    "--max-input-size",
    default="256M",
    show_default=True,
    metavar="SIZE",
    help="Refuse inputs larger than SIZE (bytes, or with K, M, G).",
)
@click.option("--fail-fast", is_flag=True, help="Stop at the first file that fails.")
@click.option("--skip-existing", is_flag=True, help="Skip inputs whose outputs are newer.")
@click.option(
    "--cluster",
    metavar="ADDRESS",
    envvar="DOCCONV_CLUSTER",
    help="Convert on the dask.distributed scheduler at ADDRESS (tcp://HOST:8786) "
    "[env: DOCCONV_CLUSTER; needs docconv[cluster]].",
)
@_verbosity
def convert(
    inputs: tuple[str, ...],
    formats: tuple[str, ...],
    transforms: tuple[str, ...],
    output: str | None,
    directory: str | None,
    options: tuple[str, ...],
    reader: str | None,
    encoding: str | None,
    patterns: tuple[str, ...],
    jobs: int | None,
    max_input_size: str,
    fail_fast: bool,
    skip_existing: bool,
    cluster: str | None,
) -> None:
    """Convert INPUT files or directories (- for stdin) to one or more formats.

    INPUT and -d may be URLs (s3://bucket/in/, file://...) with docconv[cluster] installed.
    """
    import signal

    from . import batch
    from .messages import is_quiet, is_verbose, log
    from .output import ENDING_SIGNALS
    from .pipeline import StdoutClosed
    from .progress import Progress
    from .storage import is_url
    from .workers import worker_count

    context = click.get_current_context()
    for sig in ENDING_SIGNALS:  # from here on, a stop is an interruption (exit 130)
        previous = signal.signal(sig, _interrupt)
        # In-process callers (tests, embedding code) get their handlers back.
        context.call_on_close(partial(signal.signal, sig, previous or signal.SIG_DFL))
    try:
        spec, plan, tasks, many = _prepare(
            inputs,
            formats,
            transforms,
            output,
            directory,
            options,
            reader,
            encoding,
            patterns,
            max_input_size,
        )
        client = _connect(cluster) if cluster else None
    except DocconvError as error:
        _report(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:  # listing a large bucket, connecting to a cluster
        _interrupted()
    if any(task.source == "-" or None in task.targets or is_url(task.source) for task in tasks):
        jobs = 1  # stdin and stdout belong to this process; URLs: one process or a cluster
    jobs = worker_count(jobs, len(tasks))
    quiet = is_quiet()
    progress = Progress(len(tasks), enabled=many and sys.stderr.isatty() and not quiet)

    def report(result: batch.FileResult) -> None:
        progress.clear()
        if result.error:
            if is_verbose() and result.traceback:
                sys.stderr.write(result.traceback)
            log.error("%s", result.error)
        if result.skipped:
            (log.debug if many else log.info)("skipped %s: outputs are newer", result.source)
        for path in result.written:
            (log.debug if many else log.info)("wrote %s", path)
        progress.advance(failed=result.error is not None)

    try:
        if client is None:
            results = batch.run(tasks, spec, plan, jobs, skip_existing, fail_fast, report)
        else:
            from . import cluster as dask_cluster

            context.call_on_close(client.close)
            results = dask_cluster.run(tasks, spec, plan, client, skip_existing, fail_fast, report)
    except DocconvError as error:
        _report(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        progress.clear()
        _interrupted()
    except StdoutClosed:
        _quiet_stdout()
        sys.exit(0)
    progress.clear()
    failed = [r for r in results if r.error]
    if many:
        skipped = sum(r.skipped for r in results)
        converted = len(results) - len(failed) - skipped
        unstarted = len(tasks) - len(results)  # --fail-fast stopped before them
        log.info(
            "%d converted, %d failed, %d skipped%s of %d file%s in %.1f s",
            converted,
            len(failed),
            skipped,
            f", {unstarted} not started (--fail-fast)" if unstarted else "",
            len(tasks),
            "s" if len(tasks) != 1 else "",
            progress.elapsed,
        )
    if failed:
        sys.exit(BATCH_FAILED if many else failed[0].exit_code)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@_verbosity
def formats(as_json: bool) -> None:
    """List the readers, writers (output formats) and transforms installed."""
    import json

    from .api import formats as all_formats

    rows = all_formats()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    cells = [
        (
            ", ".join([r["name"], *r["aliases"]]),
            r.get("extension") or ",".join(r.get("extensions", [])) or "-",
            r["plugin"],
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(3)]
    for kind, title in (
        ("reader", "Readers"),
        ("writer", "Output formats"),
        ("transform", "Transforms"),
    ):
        click.echo(f"{title}:")
        for row, cell in zip(rows, cells, strict=True):
            if row["kind"] != kind:
                continue
            columns = "  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True))
            click.echo(f"  {columns}  {row['description']}")
            implied = [
                t
                for t in rows
                if t["kind"] == "transform" and t["name"] in row.get("transforms", [])
            ]
            listed = [row, *implied]
            for opt in [o for r in listed for o in r["options"]]:
                value = "|".join(opt["choices"]) or f"<{opt['type']}>"
                default = "" if opt["default"] is None else f" (default: {opt['default']})"
                click.echo(f"      -O {opt['name']}={value}  {opt['help']}{default}")
        click.echo()


@main.command()
@click.option("--all", "show_all", is_flag=True, help="Include docconv's built-in plugins.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@_verbosity
def plugins(show_all: bool, as_json: bool) -> None:
    """List installed plugins: distribution, version, hooks, what they provide, errors."""
    import dataclasses
    import json

    from .plugins import get_plugin_manager

    infos = [i for i in get_plugin_manager().plugin_infos() if show_all or not i.builtin]
    if as_json:
        click.echo(json.dumps([dataclasses.asdict(i) for i in infos], ensure_ascii=False, indent=2))
        return
    if not infos:
        click.echo("No third-party plugins installed (--all includes the built-in ones).")
    for info in infos:
        state = ", ".join(info.hooks)
        if info.error:
            state = f"BROKEN: {info.error}"
        elif not info.enabled:
            state = "disabled (not named in DOCCONV_LOAD_PLUGINS)"
        provides = "; ".join(
            [f"{k}: {', '.join(v)}" for k, v in info.provides.items()]
            + [
                f"{k} hidden by a higher-ranked plugin: "
                + ", ".join(f"{name} (by {winner})" for name, winner in hidden.items())
                for k, hidden in info.shadowed.items()
            ]
        )
        click.echo(f"{info.name} ({info.distribution} {info.version}) {state}")
        if provides:
            click.echo(f"    {provides}")
