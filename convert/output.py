"""Write outputs atomically, and never over an input.

A regular file (or a symbolic link's target) is replaced through a temporary file
and a rename; a device, FIFO or socket (``/dev/null``, ``/dev/stdout``, a named
pipe) is written to directly, since renaming over it would replace the special
file itself.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import OutputError

TMP_PREFIX = ".docconv-"
TMP_SUFFIX = ".tmp"
# Signals that end a run: held while a file is written, so none lands mid-rename.
ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once: os.umask can only be read by setting it, racing threads
_STARTED = time.time()  # temporary files older than this run, of a dead process, are stale
_swept: set[str] = set()


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM/SIGHUP while a file is written: an interruption then lands
    after the rename (or the clean-up), never between creating the temporary file and
    removing it."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, ENDING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_atomic(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path``: atomically for a regular file, directly for a special one.

    Readers of a regular file see the old file or the new one, never half of one; a
    failure or interruption leaves no temporary file behind. A symbolic link keeps
    pointing where it did: its target is replaced. Refuses to replace any of ``inputs``.
    """
    for source in inputs:
        with contextlib.suppress(OSError):
            if path.exists() and path.samefile(source):
                raise OutputError(f"{path}: refusing to overwrite the input file")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None  # missing (or a dangling link): created below
    if mode is not None and (not stat.S_ISREG(mode) or _names_a_descriptor(path)):
        if stat.S_ISDIR(mode):
            raise OutputError(f"{path}: is a directory")
        _write_directly(path, data)  # not deferred: a FIFO nobody reads must stay interruptible
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    with _interrupts_deferred():
        _write_replacing(target, data)


_DESCRIPTOR = re.compile(r"/(?:proc/[^/]+|dev)/fd/\d+")


def _names_a_descriptor(path: Path) -> bool:
    """True for ``/dev/stdout``, ``/proc/self/fd/1`` or a link leading to one: an open
    descriptor, which may be a file the shell opened to append to (``>>``)."""
    current = Path(os.path.abspath(path))
    for _ in range(40):  # the kernel's own limit on links followed
        if _DESCRIPTOR.fullmatch(str(current)):
            return True
        if not current.is_symlink():
            return False
        current = Path(os.path.abspath(current.parent / os.readlink(current)))
    return False


def _write_directly(path: Path, data: bytes) -> None:
    """Stream into a device, FIFO or descriptor: appended, never truncated or created."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        with open(fd, "wb") as stream:
            stream.write(data)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def _write_replacing(path: Path, data: bytes) -> None:
    directory = path.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
        sweep_stale_temporaries(directory)
        fd, tmp_name = _create_temporary(directory)
    except OSError as exc:
        blocking = next((p for p in (directory, *directory.parents) if p.is_file()), None)
        problem = f"{blocking} is a file, not a folder" if blocking else exc.strerror or exc
        raise OutputError(f"{path}: cannot write ({problem})") from None
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
        os.chmod(tmp_name, 0o666 & ~_UMASK)
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise


_EXCLUSIVE = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def _create_temporary(directory: Path) -> tuple[int, str]:
    """A new file in ``directory``, created by this call (``tempfile.mkstemp``'s rule, without
    importing tempfile, random and shutil: 3-4 ms of every start). A short name: the output's
    own may already be near the 255-byte limit."""
    for _ in range(100):
        name = f"{TMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{TMP_SUFFIX}"
        path = os.path.join(directory, name)
        try:
            return os.open(path, _EXCLUSIVE | getattr(os, "O_CLOEXEC", 0), 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no unused temporary name in {directory}")


def sweep_stale_temporaries(directory: Path) -> None:
    """Remove temporary files a killed docconv left in ``directory`` (once per folder and
    process): only our own naming, written by a process that no longer runs, and older
    than this run, so a concurrent run's file in progress is never touched."""
    key = os.path.realpath(directory)
    if key in _swept:
        return
    _swept.add(key)
    for leftover in directory.glob(f"{TMP_PREFIX}*{TMP_SUFFIX}"):
        pid = leftover.name[len(TMP_PREFIX) :].split("-", 1)[0]
        with contextlib.suppress(OSError):
            if pid.isdigit() and not _alive(int(pid)) and leftover.stat().st_mtime < _STARTED:
                leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but another user's
        return True
    return True
