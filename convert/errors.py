"""The exceptions docconv raises, each carrying the exit code the CLI maps it to."""

from __future__ import annotations

_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(32), 127)} | {9: "\\t", 10: "\\n", 13: "\\r"}


def one_line(message: str) -> str:
    """A message as the one stderr line it must be: control characters in it (a file name
    holding a newline) escaped, so that scripts reading stderr line by line stay in step."""
    return message.translate(_CONTROLS)


class DocconvError(Exception):
    """Base class: a problem the user can act on, reported as one line without a traceback."""

    exit_code = 1


class UsageError(DocconvError):
    """Bad arguments or options (unknown option key, bad value, missing format)."""

    exit_code = 2


class OptionError(UsageError):
    """A writer or transform rejected its options while converting a file (a font or
    reference file missing, a bad field list): the same options serve every file, so a
    batch stops at the first instead of failing each file alike."""


class InputError(DocconvError):
    """The input is missing, unreadable, not text, or cannot be decoded."""

    exit_code = 3


class InvalidDocumentError(InputError, ValueError):
    """JSON that is not a docconv document of a schema version this docconv reads."""


class DeclarationError(ValueError):
    """A plugin declared something docconv cannot use (a bad name, type, option or default).

    Raised when the declaration is built; docconv then marks the plugin BROKEN, names it,
    the field and the value in one warning, and keeps working without it.
    """


class UnknownFormatError(DocconvError):
    """No installed plugin provides the requested reader, writer or transform."""

    exit_code = 4


class RenderError(DocconvError):
    """A reader, transform or writer failed while processing a valid input."""

    exit_code = 5


class OutputError(DocconvError):
    """The output cannot be written (permissions, would overwrite the input, terminal)."""

    exit_code = 6


class ClusterLostError(DocconvError):
    """The Dask scheduler went away in the middle of a batch: the files not reported yet
    may or may not have been converted. A batch's files failed: the batch's exit code."""

    exit_code = 7
