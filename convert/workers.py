"""Batch worker processes: how many, how they start warm, stop, and die with the parent.

Chunks of files are converted in a process pool that survives a worker dying (see
:class:`_Parallel`). Where the platform forks, the parent first renders a small
document through the plan (:func:`warm_up`) so forked workers share what that loaded.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from .batch import FileResult, Task, convert_task, ends_batch
from .inputs import DEFAULT_MAX_INPUT
from .model import Document, Metadata, Paragraph
from .output import ENDING_SIGNALS
from .pipeline import Plan, PlanSpec
from .plugins import get_plugin_manager

log = logging.getLogger("docconv")
Report = Callable[[int, FileResult], None]


def run_parallel(
    tasks: Sequence[Task],
    spec: PlanSpec,
    plan: Plan,
    jobs: int,
    skip_existing: bool,
    fail_fast: bool,
    report: Report,
) -> None:
    """Convert ``tasks`` in ``jobs`` worker processes, reporting each result by index.

    Files go in chunks (small files would otherwise spend more time in inter-process
    messages than in conversion); raises KeyboardInterrupt after SIGINT, SIGTERM or
    SIGHUP once the workers have stopped.
    """
    import threading

    size = chunk_size(len(tasks), jobs, fail_fast)
    items = list(enumerate(tasks))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    if _fork_context() is not None:
        warm_up(plan)
    parallel = _Parallel(spec, jobs, skip_existing)
    in_main_thread = threading.current_thread() is threading.main_thread()  # signals need it
    held = ENDING_SIGNALS if in_main_thread else ()
    previous = {sig: signal.signal(sig, lambda *_: parallel.interrupted.set()) for sig in held}
    try:
        parallel.run(chunks, fail_fast, report)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if parallel.interrupted.is_set():
        raise KeyboardInterrupt


def chunk_size(files: int, workers: int, fail_fast: bool) -> int:
    """Files per unit of work: up to 16, at least 8 units per worker (for balance), one
    when stopping at the first failure must be prompt."""
    return 1 if fail_fast else max(1, min(16, files // (workers * 8)))


MAX_WORKERS_PER_CPU = 2


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def worker_count(requested: int | None, files: int) -> int:
    """Worker processes for ``files`` inputs: ``requested`` (default one per CPU), never
    more than one per file nor more than ``MAX_WORKERS_PER_CPU`` per CPU."""
    cpus = usable_cpus()
    ceiling = MAX_WORKERS_PER_CPU * cpus
    if requested is not None and requested > ceiling and files > ceiling:
        log.warning(
            "--jobs %d: using %d worker processes (at most %d per CPU, %d CPUs)",
            requested,
            ceiling,
            MAX_WORKERS_PER_CPU,
            cpus,
        )
    return max(1, min(requested or cpus, ceiling, files))


# Worker processes: the plan (and so every plugin) is built once per worker.
_worker_plan: Plan | None = None
_worker_skip_existing = False
_worker_limit = DEFAULT_MAX_INPUT
_worker_parent = 0
_worker_stopping = False
_worker_converting = False


class _Stopped(KeyboardInterrupt):
    """Raised in a worker, by the parent's SIGTERM, inside the conversion it abandons
    (a KeyboardInterrupt, so no plugin guard mistakes it for the plugin's failure)."""


STOP_GRACE_SECONDS = 5


def _stop_worker(signum: int, frame: Any) -> None:
    """SIGTERM: from the parent, abandon the current file (unreported, so no false
    failure), take no other, and end within ``STOP_GRACE_SECONDS`` even if handing back
    results or waiting for the pool's next message blocks: a worker killed while holding
    one of the pool's queue locks holds it for good, and the pool's own terminate() (this
    signal) must still end this worker. After the parent died (the parent-death signal),
    end now: nobody is left to report to. Outputs are written with SIGTERM held, so this
    never lands between a temporary file and its rename: a long file cannot delay a stop."""
    global _worker_stopping
    if os.getppid() != _worker_parent:
        os._exit(1)
    if not _worker_stopping:
        _worker_stopping = True
        if hasattr(signal, "SIGALRM"):  # not on Windows
            signal.signal(signal.SIGALRM, signal.SIG_DFL)  # its default action ends us
            signal.alarm(STOP_GRACE_SECONDS)
    if _worker_converting:
        raise _Stopped


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM when the parent dies (a killed parent otherwise leaves its
    workers waiting forever on the task queue)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != _worker_parent:  # the parent died before the request took effect
        os._exit(1)


def _init_worker(spec: PlanSpec, skip_existing: bool, parent: int) -> None:
    """Ctrl-C and hang-ups are left to the parent, which stops workers with SIGTERM."""
    global _worker_plan, _worker_skip_existing, _worker_limit, _worker_parent
    _worker_parent = parent
    for sig in ENDING_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    _die_with_parent()
    _worker_plan, _worker_skip_existing = spec.build(get_plugin_manager()), skip_existing
    _worker_limit = spec.max_input_size


Chunk = list[tuple[int, Task]]


def _work(chunk: Chunk) -> list[tuple[int, FileResult]]:
    """Convert a chunk of files; stop early (returning what is done) when asked to."""
    global _worker_converting
    assert _worker_plan is not None
    done = []
    for index, task in chunk:
        if _worker_stopping:
            break
        try:
            _worker_converting = True
            result = convert_task(task, _worker_plan, _worker_skip_existing, _worker_limit)
        except _Stopped:
            break
        finally:
            _worker_converting = False
        done.append((index, result))
    return done


def _lost(task: Task) -> FileResult:
    return FileResult(
        task.source, error=f"{task.source}: not converted: its worker process died", exit_code=1
    )


class _Parallel:
    """Chunks of files in worker processes, surviving a worker that dies.

    A dead worker (killed, or out of memory) breaks the whole ProcessPoolExecutor: the
    unfinished files go to a fresh pool one file at a time; if that breaks too, the
    files it was running fail (the likely culprits) and the rest are retried, at most
    ``RESTARTS`` times. SIGINT, SIGTERM and SIGHUP only set a flag here (raising inside
    the executor's locks can deadlock it): the workers are told to stop (abandoning the
    file they convert) and KeyboardInterrupt is raised once they have.
    """

    RESTARTS = 3

    def __init__(self, spec: PlanSpec, jobs: int, skip_existing: bool) -> None:
        import threading

        self.spec, self.jobs, self.skip_existing = spec, jobs, skip_existing
        self.interrupted = threading.Event()
        self.stop = False
        self.singles = False  # after a worker died: one file per task, to find the culprit

    def run(
        self, chunks: list[Chunk], fail_fast: bool, report: Callable[[int, FileResult], None]
    ) -> None:
        restarts = 0
        while chunks and not self.stop and not self.interrupted.is_set():
            chunks = self._pool_run(chunks, fail_fast, report)
            if chunks:  # the pool broke: retry the rest one file at a time
                restarts += 1
                log.warning("a worker process died; retrying its unfinished files one by one")
                singles = [[item] for chunk in chunks for item in chunk]
                if restarts > self.RESTARTS:
                    for index, task in (item for chunk in singles for item in chunk):
                        report(index, _lost(task))
                    return
                chunks, self.singles = singles, True

    def _pool_run(
        self, chunks: list[Chunk], fail_fast: bool, report: Callable[[int, FileResult], None]
    ) -> list[Chunk]:
        """Run ``chunks`` in one pool; return the chunks to retry if a worker died."""
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        pool = ProcessPoolExecutor(
            self.jobs,
            mp_context=_fork_context(),
            initializer=_init_worker,
            initargs=(self.spec, self.skip_existing, os.getpid()),
        )
        pending = {pool.submit(_work, chunk): chunk for chunk in chunks}
        retry: list[Chunk] = []
        try:
            while pending and not self.stop and not self.interrupted.is_set():
                running = {future for future in pending if future.running()}
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = pending.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        if self.singles and future in running:
                            for index, task in chunk:
                                report(index, _lost(task))
                        else:
                            retry.append(chunk)
                        continue
                    for index, result in outcome:
                        report(index, result)
                        self.stop = self.stop or ends_batch(result, fail_fast)
        finally:
            processes = list((pool._processes or {}).values())  # not exposed by the executor
            if pending:  # stopping early: workers abandon their current file and return
                for process in processes:
                    if process.is_alive():
                        process.terminate()  # SIGTERM: the worker's handler stops it gently
            pool.shutdown(wait=True, cancel_futures=True)
        if not self.interrupted.is_set():
            for future in pending:  # finished while stopping: still reported
                if future.done() and not future.cancelled() and future.exception() is None:
                    for index, result in future.result():
                        report(index, result)
        return retry


def _fork_context() -> Any:
    """Where the platform forks safely (Linux), workers are forked: they start with what
    the parent loaded (see :func:`warm_up`) instead of loading it again. None elsewhere:
    the platform's default start method."""
    import multiprocessing

    return multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None


WARM_UP_DOCUMENT = Document(
    Metadata(title="新聞標題 News headline", source="來源", language="zh-Hant"),
    (Paragraph("這是一段用來預先載入字典與字型的中文文字。A line of English text, 2024."),) * 3,
)


def warm_up(plan: Plan) -> None:
    """Run ``plan``'s transforms and writers once on a small document before forking, so
    that what they load lazily (dictionaries, fonts, heavy libraries) is loaded once, in
    the parent, and shared by every forked worker. A failure here is only logged: the
    real files report their own problems, and the warm-up's own warnings are not shown.
    A plan with a third-party transform is not warmed: a transform may be slow or call a
    paid service, and must not run on a made-up document (writers only render)."""
    transforms = [*plan.transforms, *(t for output in plan.outputs for t in output.transforms)]
    if not all(provided.builtin for provided, _ in transforms):
        return
    level = log.level
    log.setLevel(logging.CRITICAL + 1)
    try:
        for _ in plan.render(plan.transform(WARM_UP_DOCUMENT, "<warm-up>"), "<warm-up>"):
            pass
        if "convert.toolkit.segment" in sys.modules:  # the plan segments text: load the
            sys.modules["convert.toolkit.segment"].load_dictionary()  # dictionary for all
    except Exception as exc:
        log.setLevel(level)
        log.debug("warm-up before starting workers failed: %s: %s", type(exc).__name__, exc)
    finally:
        log.setLevel(level)
