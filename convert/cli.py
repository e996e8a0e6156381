"""The ``docconv`` command line."""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import DocconvError, OutputError, UsageError
from .output import write_atomic
from .pipeline import Plan, make_plan, read_source
from .plugins import get_plugin_manager

log = logging.getLogger("docconv")
F = TypeVar("F", bound=Callable[..., Any])

EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  1  internal error (a bug: please report it with the output of -v)
  2  usage error (bad arguments or options)
  3  input error (missing, unreadable, not text, cannot be decoded)
  4  unknown format, transform or reader
  5  a reader, transform or writer failed
  6  output cannot be written"""


class _StderrFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        if record.levelno == logging.INFO:
            return f"docconv: {record.getMessage()}"
        return f"docconv: {record.levelname.lower()}: {record.getMessage()}"


def _configure_logging(verbose: bool, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_StderrFormatter())
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO)


def _verbosity(f: F) -> F:
    """-v/-q accepted both before and after the sub-command."""

    def remember(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            ctx.ensure_object(dict)
            ctx.find_root().ensure_object(dict)[param.name] = True
            _configure_logging(
                **{k: ctx.find_root().obj.get(k, False) for k in ("verbose", "quiet")}
            )

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


def _is_verbose() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("verbose"))


def _report(error: BaseException) -> None:
    if _is_verbose():
        traceback.print_exception(error)
    if isinstance(error, DocconvError):
        log.error("%s", error)
    else:
        log.error(
            "internal error: %s: %s (run with -v for the traceback)", type(error).__name__, error
        )


@click.group(epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docconv")
@_verbosity
def main() -> None:
    """Convert news articles (Chinese first) to DOCX, PDF, Simplified Chinese, briefs and more."""
    _configure_logging(verbose=False, quiet=False)


def _parse_options(pairs: Sequence[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"-O expects KEY=VALUE, got {pair!r}")
        options[key.strip()] = value
    return options


def _output_path(
    source: str, extension: str, output: str | None, directory: str | None
) -> Path | None:
    """Where one output goes; None means standard output."""
    if output is not None:
        return None if output == "-" else Path(output)
    stem = "stdin" if source == "-" else Path(source).name.rsplit(".", 1)[0] or Path(source).name
    base = Path(directory) if directory is not None else Path.cwd()
    return base / f"{stem}.{extension}"


def _formats_from_output(output: str | None) -> list[str]:
    if output is None or output == "-":
        raise UsageError("no output format: pass -t FORMAT, or -o FILE with a known extension")
    found = get_plugin_manager().writer_for_path(Path(output).name)
    if found is None:
        raise UsageError(f"{output}: unknown output extension; pass -t FORMAT")
    return [found.component.name]


def _convert_one(source: str, plan: Plan, output: str | None, directory: str | None) -> None:
    if source == "-":
        data, name, filename = sys.stdin.buffer.read(), "<stdin>", None
        inputs: tuple[Path, ...] = ()
    else:
        data, name = read_source(source)
        filename, inputs = source, (Path(source),)
    document = plan.transform(plan.load(data, name, filename), name)
    for writer, rendered in plan.render(document, name):
        to_stdout = source == "-" and output is None and directory is None
        target = None if to_stdout else _output_path(source, writer.extension, output, directory)
        if target is None:
            if writer.binary and (to_stdout or sys.stdout.isatty()):
                raise OutputError(
                    f"{name}: {writer.name} is a binary format; write it with -o FILE"
                    if to_stdout
                    else f"{name}: refusing to write binary {writer.name} to a terminal"
                )
            sys.stdout.buffer.write(rendered)
            sys.stdout.flush()
        else:
            write_atomic(target, rendered, inputs)
            log.info("wrote %s", target)


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
    help="Write <stem>.<ext> per input and format into DIR (created if missing).",
)
@click.option(
    "-O",
    "--option",
    "options",
    multiple=True,
    metavar="KEY=VALUE",
    help="Option for the writer or transform declaring KEY (NAME.KEY targets one).",
)
@click.option("-f", "--from", "reader", metavar="FORMAT", help="Force the input reader.")
@click.option("--encoding", metavar="NAME", help="Force the input text encoding.")
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
) -> None:
    """Convert INPUT files (- for stdin) to one or more formats."""
    try:
        if output is not None and directory is not None:
            raise UsageError("use either -o or -d, not both")
        chosen = list(formats) or _formats_from_output(output)
        if output is not None and (len(inputs) > 1 or len(chosen) > 1):
            raise UsageError("-o takes one input and one format; use -d DIR for more")
        plan = make_plan(chosen, transforms, _parse_options(options), reader, encoding)
    except DocconvError as error:
        _report(error)
        sys.exit(error.exit_code)
    failures: list[int] = []
    for source in inputs:
        try:
            _convert_one(source, plan, output, directory)
        except Exception as error:
            _report(error)
            failures.append(getattr(error, "exit_code", 1))
    if failures:
        sys.exit(failures[0])


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@_verbosity
def formats(as_json: bool) -> None:
    """List the readers, writers (output formats) and transforms installed."""
    from .api import formats as all_formats

    rows = all_formats()
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for kind, title in (
        ("reader", "Readers"),
        ("writer", "Output formats"),
        ("transform", "Transforms"),
    ):
        click.echo(f"{title}:")
        for row in (r for r in rows if r["kind"] == kind):
            ext = row.get("extension") or ",".join(row.get("extensions", [])) or "-"
            names = ", ".join([row["name"], *row["aliases"]])
            click.echo(f"  {names:<22} {ext:<14} {row['plugin']:<12} {row['description']}")
        click.echo()


@main.command()
@click.option("--all", "show_all", is_flag=True, help="Include docconv's built-in plugins.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@_verbosity
def plugins(show_all: bool, as_json: bool) -> None:
    """List installed plugins: distribution, version, hooks, what they provide, errors."""
    pm = get_plugin_manager()
    _ = pm.tables  # collect declarations so that "provides" and errors are filled in
    infos = [i for i in pm.infos.values() if show_all or not i.builtin]
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
        provides = "; ".join(f"{k}: {', '.join(v)}" for k, v in info.provides.items())
        click.echo(f"{info.name} ({info.distribution} {info.version}) {state}")
        if provides:
            click.echo(f"    {provides}")
