"""Run a batch on a ``dask.distributed`` cluster: one task per few input files.

Imported only for ``--cluster`` (or the API's ``client=``). Each worker builds the
:class:`~convert.pipeline.Plan` once from the picklable :class:`~convert.pipeline.PlanSpec`
(plugins load once per worker process) and converts with the same per-file step as the
local batch. Files go in chunks as in the local pool (the scheduler spends milliseconds per
task, as long as a brief takes). Before any file is sent, every worker is asked whether it
has this machine's docconv and plugins (:mod:`convert.cluster_check`). Dask reschedules the
tasks of a worker that dies; outputs are written whole (atomically), so a file converted
twice leaves one complete output; a task every worker died running is split into one task
per file, so that only a file that kills workers fails. Cancelling (``--fail-fast``,
Ctrl-C) drops pending tasks; a task already running finishes its files. A lost scheduler
stops the batch with one error counting the files not confirmed.
"""

from __future__ import annotations

import dataclasses
import math
import os
import pickle
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batch import FileResult, Task, convert_task, ends_batch, raise_if_stopped
from .errors import (
    ClusterLostError,
    DocconvError,
    RenderError,
    UnknownFormatError,
    UsageError,
)
from .storage import EXTRA, UrlTask, is_url

if TYPE_CHECKING:
    from .cluster_check import Requirements
    from .pipeline import Plan, PlanSpec

ENV = "DOCCONV_CLUSTER"
TIMEOUT_ENV = "DOCCONV_CLUSTER_TIMEOUT"
_plans: dict[bytes, Plan] = {}
_lacks: dict[bytes, list[str]] = {}
_plans_lock = threading.Lock()


def timeout() -> float:
    """Seconds to wait for the scheduler, and then for a first worker:
    ``DOCCONV_CLUSTER_TIMEOUT``, 10 by default."""
    raw = os.environ.get(TIMEOUT_ENV, "10")
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds < math.inf:
        raise UsageError(f"{TIMEOUT_ENV} must be a number of seconds above 0, got {raw!r}")
    return seconds


def _in_time(make: Callable[[], Any], discard: Callable[[Any], None], seconds: float) -> Any:
    """``make()``, run in a thread that is given up a second after ``seconds`` (``make``'s
    own time-out says more, when it applies) or at Ctrl-C (then at once); what it makes
    after that is ``discard``ed. A Client's own timeout covers connecting, not a peer that
    accepts and never answers (an HTTP server: the dashboard's port), where it waited for
    ever; interrupted inside its constructor, a Client is left half-built, and its
    finaliser waited 20 s, then printed a traceback."""
    outcome: dict[str, Any] = {}
    lock = threading.Lock()

    def attempt() -> None:
        try:
            made = make()
        except Exception as exc:  # its message only: its traceback holds the half-built object
            outcome["error"] = _failure(exc)
            return
        with lock:
            outcome["made"] = made
            if outcome.get("abandoned"):
                discard(made)

    thread = threading.Thread(target=attempt, name="docconv-connect", daemon=True)
    thread.start()
    deadline = time.monotonic() + seconds + 1
    try:
        while thread.is_alive() and time.monotonic() < deadline:
            thread.join(0.1)
    finally:
        with lock:
            if "made" not in outcome and "error" not in outcome:
                outcome["abandoned"] = True
                outcome["error"] = f"no answer within {seconds:g} s"
    if "error" in outcome:
        raise TimeoutError(outcome["error"])
    return outcome["made"]


def _client(cls: Any, address: str, seconds: float) -> Any:
    """``cls(address)``, a Client; one whose constructor fails is marked closed, or its
    finaliser would wait twice the timeout to close it, then print a traceback."""
    client = cls.__new__(cls)
    try:
        client.__init__(address, timeout=seconds, set_as_default=False)
    except Exception:
        client.status = "closed"
        raise
    return client


def _failure(exc: Exception) -> str:
    """Why a Client could not connect, in words: Dask's own for a time-out or a refusal;
    anything else came from a peer that is no Dask scheduler (an HTTP server, a TLS
    scheduler reached without TLS settings: a MemoryError, a TypeError from inside Dask)."""
    if isinstance(exc, OSError | TimeoutError):
        return str(exc)
    return f"no Dask scheduler answered: {type(exc).__name__}: {exc}"


def connect(address: str) -> Any:
    """A ``distributed.Client`` for the scheduler at ``address``; a usage error (exit 2)
    when the extra is not installed or no scheduler answers there in :func:`timeout`
    seconds; Ctrl-C while connecting stops at once."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            f"--cluster needs dask.distributed, which is not installed: {EXTRA}"
        ) from None
    from distributed.comm.addressing import get_address_host_port

    seconds = timeout()
    try:
        get_address_host_port(address)  # malformed: a Client half-built from it takes 20 s
        return _in_time(
            partial(_client, Client, address, seconds),
            lambda client: client.close(),
            seconds,
        )
    except (TimeoutError, ValueError) as exc:
        raise UsageError(f"--cluster {address}: cannot reach the scheduler ({exc})") from None


def _plan_for(spec: PlanSpec) -> Plan:
    """The worker's plan for ``spec``: built (and its plugins loaded) once per process;
    the first also undoes the nanny's malloc setting (see :mod:`convert.cluster_worker`)."""
    key = pickle.dumps(spec)
    with _plans_lock:
        plan = _plans.get(key)
        if plan is None:
            from .cluster_worker import undo_malloc_trim
            from .plugins import get_plugin_manager

            undo_malloc_trim()
            plan = _plans[key] = spec.build(get_plugin_manager())
        return plan


def _worker_address() -> str:
    from distributed import get_worker

    try:
        return str(get_worker().address)
    except ValueError:  # not inside a worker (a direct call)
        return f"pid {os.getpid()}"


def _lacking(required: Requirements) -> list[str]:
    """What this worker lacks of ``required``: asked once per process and requirements
    (a worker that joined after the client checked the others answers it here)."""
    from .cluster_check import lacking

    key = pickle.dumps(required)
    with _plans_lock:
        if key not in _lacks:
            _lacks[key] = lacking(required)
        return _lacks[key]


def convert_on_worker(
    spec: PlanSpec, tasks: Sequence[Task | UrlTask], skip_existing: bool, required: Requirements
) -> list[FileResult]:
    """A chunk of files converted by a Dask worker; a worker lacking what ``required``
    names (docconv's version, the plugins) fails each file with one line saying what."""
    from .cluster_check import describe

    problems = _lacking(required)
    if problems:
        error = UnknownFormatError(describe(_worker_address(), problems))
        return [_failed(task, error) for task in tasks]
    try:
        plan = _plan_for(spec)
    except DocconvError as exc:
        return [_failed(task, exc, f"worker {_worker_address()}: ") for task in tasks]
    return [convert_task(task, plan, skip_existing, spec.max_input_size) for task in tasks]


def _failed(task: Task | UrlTask, error: DocconvError, where: str = "") -> FileResult:
    return FileResult(
        task.source, error=f"{task.source}: {where}{error}", exit_code=error.exit_code
    )


def _wait_for_a_worker(client: Any) -> None:
    """Return once the cluster has a worker; a usage error (exit 2) after :func:`timeout`
    seconds without one (files sent to no worker would wait for ever)."""
    if client.nthreads():
        return
    seconds = timeout()
    try:
        client.wait_for_workers(1, timeout=seconds)
    except TimeoutError:
        raise UsageError(
            f"--cluster {client.scheduler.address}: no worker has joined the scheduler "
            f"(waited {seconds:g} s)"
        ) from None


def _portable(task: Task | UrlTask) -> Task | UrlTask:
    """``task`` with absolute paths: a worker's working directory is not ours."""
    if isinstance(task, UrlTask):
        return UrlTask(
            task.source, tuple(t if is_url(t) else os.path.abspath(t) for t in task.targets)
        )
    if task.source == "-" or None in task.targets:
        raise UsageError("--cluster: standard input and output stay on this machine; use files")
    return Task(
        os.path.abspath(task.source),
        tuple(Path(os.path.abspath(t)) for t in task.targets if t is not None),
    )


def _as_given(result: FileResult, given: Task | UrlTask, sent: Task | UrlTask) -> FileResult:
    """A worker's result in the names the user gave (not the absolute ones sent)."""
    error = result.error.replace(sent.source, given.source, 1) if result.error else None
    return dataclasses.replace(result, source=given.source, error=error)


def _lost(task: Task | UrlTask, exc: BaseException) -> FileResult:
    return FileResult(
        task.source,
        error=f"{task.source}: not converted: {type(exc).__name__}: {exc}",
        exit_code=1,
    )


def _killer(task: Task | UrlTask, exc: Any) -> FileResult:
    """The file whose conversion killed each worker that tried it (a crash in a library,
    memory): the plugin's failure on this input."""
    last = getattr(exc.last_worker, "address", exc.last_worker)
    return FileResult(
        task.source,
        error=f"{task.source}: not converted: the worker process converting it died, "
        f"{exc.allowed_failures + 1} times (the last: {last}; see the workers' logs)",
        exit_code=RenderError.exit_code,
    )


def run(
    tasks: Sequence[Task | UrlTask],
    spec: PlanSpec,
    plan: Plan,
    client: Any,
    skip_existing: bool = False,
    fail_fast: bool = False,
    on_result: Callable[[FileResult], None] = lambda r: None,
) -> list[FileResult]:
    """:func:`convert.batch.run` on the cluster behind ``client``: every task submitted
    at once, ``on_result`` called as each finishes, results in input order.

    KeyboardInterrupt (and ``fail_fast`` after a failure) cancels what is pending.
    """
    from distributed import KilledWorker, as_completed

    from .cluster_check import check_workers, requirements
    from .workers import chunk_size

    sent = [_portable(task) for task in tasks]
    _wait_for_a_worker(client)
    required = requirements(plan, [task.source for task in tasks])
    check_workers(client, required)
    threads = sum(client.nthreads().values())  # asked (scheduler_info() races a cache)
    size = chunk_size(len(tasks), max(1, threads), fail_fast)
    chunks = [range(i, min(i + size, len(sent))) for i in range(0, len(sent), size)]

    def submit(chunk: Sequence[int]) -> Any:
        files = [sent[i] for i in chunk]
        return client.submit(convert_on_worker, spec, files, skip_existing, required, pure=False)

    futures: dict[Any, Sequence[int]] = {submit(chunk): chunk for chunk in chunks}
    results: dict[int, FileResult] = {}
    lost = 0  # files of tasks the scheduler dropped (it went away): outcome unknown
    finished = as_completed(futures, loop=client.loop)  # type: ignore[no-untyped-call]
    suspects: list[int] = []  # the files of a task that killed its workers
    trying: list[Any] = []  # the one suspect in flight

    def try_next() -> None:
        """Send the next suspect alone, once the one before has finished: a worker dying
        then was killed by the suspect it ran (sent together, the innocent ones queued on
        the killer's worker died with it and failed too)."""
        if suspects and not trying:
            single = submit([suspects[0]])
            futures[single] = [suspects.pop(0)]
            trying.append(single)
            finished.add(single)  # type: ignore[no-untyped-call]

    try:
        for future in finished:
            chunk = futures[future]
            if future in trying:
                trying.remove(future)
            if future.cancelled():  # not by us: by the client, when it lost the scheduler
                lost += len(chunk)
                continue
            try:
                done = zip(chunk, future.result(), strict=True)
                outcome = [_as_given(r, tasks[i], sent[i]) for i, r in done]
            except CancelledError:
                lost += len(chunk)
                continue
            except KilledWorker as exc:  # every worker given the task died running it
                if len(chunk) > 1:  # one file may kill them: each again alone, to find it
                    suspects.extend(chunk)
                    try_next()
                    continue
                outcome = [_killer(tasks[chunk[0]], exc)]
            except Exception as exc:
                outcome = [_lost(tasks[i], exc) for i in chunk]
            for index, result in zip(chunk, outcome, strict=True):
                results[index] = result
                if not result.stops:  # raised once below
                    on_result(result)
            if any(ends_batch(result, fail_fast) for result in outcome):
                break
            try_next()
    finally:
        pending = [future for future in futures if not future.done()]
        if pending:
            client.cancel(pending)
    raise_if_stopped(results.values())
    if lost:
        raise ClusterLostError(
            f"cluster: lost the scheduler at {client.scheduler.address}: {lost} of "
            f"{len(tasks)} files not converted or not confirmed (run again with "
            "--skip-existing to convert only those)"
        )
    return [results[i] for i in sorted(results)]
