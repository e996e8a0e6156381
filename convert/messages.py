"""The command line's messages on stderr: ``docconv: LEVEL: message``, errors as one line.

Apart from :mod:`convert.cli` so that ``docconv --help`` does not import ``logging`` and
``traceback``: the messages are set up only when a command runs.
"""

from __future__ import annotations

import logging
import sys
import traceback

from .errors import DocconvError, one_line

log = logging.getLogger("docconv")


class _StderrFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        if record.levelno == logging.INFO:
            return f"docconv: {one_line(record.getMessage())}"
        return f"docconv: {record.levelname.lower()}: {one_line(record.getMessage())}"


def configure(verbose: bool, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_StderrFormatter())
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO)


def is_verbose() -> bool:
    return log.getEffectiveLevel() <= logging.DEBUG


def is_quiet() -> bool:
    """Only errors are shown (``-q``)."""
    return log.getEffectiveLevel() > logging.INFO


def report(error: BaseException) -> None:
    """An error as one line (the traceback too with ``-v``)."""
    if is_verbose():
        traceback.print_exception(error)
    if isinstance(error, DocconvError):
        log.error("%s", error)
    else:
        log.error(
            "internal error: %s: %s (run with -v for the traceback)", type(error).__name__, error
        )
