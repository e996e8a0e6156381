"""Batches on a real Dask cluster (a LocalCluster of 2 worker processes) and moto's S3."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cluster_fixtures import (
    articles,
    free_port,
    loaded,
    mapped_by,
    plugin_site,
    running,
    s3,
    tokenizer_id,
    worker_process,
)
from pypdf import PdfReader

import convert
from convert.cluster import convert_on_worker
from convert.cluster_check import docconv_version
from convert.pipeline import PlanSpec

pytestmark = pytest.mark.cluster
__all__ = ["s3"]  # the fixture, used by name


@pytest.fixture(scope="module")
def dask(s3) -> Iterator[object]:
    """A client of a 2-process LocalCluster whose workers see moto's S3 (set up first)."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            host="127.0.0.1",
        ) as cluster,  # fmt: skip
        Client(cluster) as client,
    ):
        yield client


def pdf_text(data: bytes) -> str:
    return PdfReader(io.BytesIO(data)).pages[0].extract_text()


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(".docconv-")]


def test_a_folder_of_200_to_pdf_and_brief_with_a_bad_file(cli, dask, tmp_path) -> None:
    articles(tmp_path / "in" / "news", 200)
    (tmp_path / "in" / "bad.txt").write_bytes(b"")
    address = dask.scheduler.address
    result = cli("convert", "in", "-t", "pdf", "-t", "brief", "-d", "out", "--cluster", address)
    assert result.exit_code == 7
    lines = result.stderr.splitlines()
    assert lines == [
        "docconv: error: in/bad.txt: empty file (no text to convert)",
        lines[-1],
    ]
    assert lines[-1].startswith("docconv: 200 converted, 1 failed, 0 skipped of 201 files in ")
    out = tmp_path / "out" / "news"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{i:03d}.{ext}" for i in range(200) for ext in ("pdf", "brief.md")
    )
    for i in range(0, 200, 37):
        assert f"（{i}）" in pdf_text((out / f"{i:03d}.pdf").read_bytes())
        assert f"（{i}）" in (out / f"{i:03d}.brief.md").read_text().splitlines()[0]
    again = cli("convert", "in", "-t", "pdf", "-t", "brief", "-d", "out", "--skip-existing",
                "--cluster", address)  # fmt: skip
    assert "0 converted, 1 failed, 200 skipped of 201 files" in again.stderr


def test_env_variable_and_fail_fast_cancels_what_is_pending(cli, dask, tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "000-bad.txt").write_bytes(b"")
    articles(tmp_path / "in", 60, paragraphs=6)
    monkeypatch.setenv("DOCCONV_CLUSTER", dask.scheduler.address)
    result = cli("convert", "in", "-t", "pdf", "-d", "out", "--fail-fast")
    assert result.exit_code == 7
    assert result.stderr.splitlines()[0].endswith("in/000-bad.txt: empty file (no text to convert)")
    time.sleep(1)  # what was running when it stopped finishes; nothing pending starts
    assert len(list((tmp_path / "out").glob("*.pdf"))) < 60


@pytest.mark.parametrize("address", ["nonsense", "http://127.0.0.1:5555"])
def test_a_malformed_scheduler_address_is_one_line_at_once(address, tmp_path) -> None:
    """The half-built client of a malformed address took 20 s to give up in its __del__,
    then printed a traceback after docconv's error line."""
    articles(tmp_path, 1)
    result = subprocess.run(
        [sys.executable, "-m", "convert", "convert", "000.txt", "-t", "md", "-d", "o",
         "--cluster", address],
        cwd=tmp_path, capture_output=True, text=True, timeout=15,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith(f"docconv: error: --cluster {address}: cannot reach")
    assert len(result.stderr.splitlines()) == 1, result.stderr


def test_an_unreachable_scheduler_gives_up_after_docconv_cluster_timeout(tmp_path) -> None:
    """Nothing listens at the address: one line once DOCCONV_CLUSTER_TIMEOUT has passed (it
    was always 10 s); a timeout that is not a positive number is a usage error itself."""
    articles(tmp_path, 1)
    address = f"tcp://127.0.0.1:{free_port()}"
    args = ("convert", "000.txt", "-t", "md", "-d", "o", "--cluster", address)
    result = docconv(*args, cwd=tmp_path, DOCCONV_CLUSTER_TIMEOUT="0.5")
    assert result.returncode == 2
    assert result.stderr == (
        f"docconv: error: --cluster {address}: cannot reach the scheduler (Timed out trying "
        f"to connect to {address} after 0.5 s)\n"
    )
    for wrong in ("0", "soon", "inf"):
        result = docconv(*args, cwd=tmp_path, DOCCONV_CLUSTER_TIMEOUT=wrong)
        assert result.returncode == 2
        assert result.stderr == (
            "docconv: error: DOCCONV_CLUSTER_TIMEOUT must be a number of seconds above 0, "
            f"got {wrong!r}\n"
        )
    assert not (tmp_path / "o").exists()


@pytest.fixture
def web_server() -> Iterator[str]:
    """The address of an HTTP server (what the dashboard's port 8787 runs), not a scheduler."""
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    with ThreadingHTTPServer(("127.0.0.1", 0), SimpleHTTPRequestHandler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"tcp://127.0.0.1:{server.server_address[1]}"
        server.shutdown()


def test_an_address_where_no_scheduler_answers_is_one_line(web_server, tmp_path) -> None:
    """An HTTP server accepts and never answers Dask's handshake: docconv waited for ever
    (Dask's timeout covers connecting only). A TLS address without Dask's TLS settings was
    an "internal error" (exit 1) and the half-built client's traceback 4 s later."""
    articles(tmp_path, 1)
    args = ("convert", "000.txt", "-t", "md", "-d", "o", "--cluster")
    result = docconv(*args, web_server, cwd=tmp_path, DOCCONV_CLUSTER_TIMEOUT="1")
    assert result.returncode == 2
    assert result.stderr == (
        f"docconv: error: --cluster {web_server}: cannot reach the scheduler (no answer "
        "within 1 s)\n"
    )
    address = web_server.replace("tcp:", "tls:")
    result = docconv(*args, address, cwd=tmp_path, DOCCONV_CLUSTER_TIMEOUT="1")
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"docconv: error: --cluster {address}: cannot reach the scheduler (no Dask scheduler "
        "answered: TypeError: TLS expects a `ssl_context` argument"
    )
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not (tmp_path / "o").exists()


def test_ctrl_c_while_connecting_stops_at_once_in_one_line(tmp_path) -> None:
    """Interrupted while its Client connected, docconv printed "aborted" after an empty
    line, then waited 20 s for the half-built client's finaliser and printed its traceback."""
    articles(tmp_path, 1)
    address = f"tcp://127.0.0.1:{free_port()}"  # refused: Dask tries again until the timeout
    command = [sys.executable, "-m", "convert", "convert", "000.txt", "-t", "md", "-d", "o",
               "--cluster", address]  # fmt: skip
    env = {**os.environ, "DOCCONV_CLUSTER_TIMEOUT": "120"}
    process = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    tasks = Path(f"/proc/{process.pid}/task")
    while len(list(tasks.iterdir())) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)  # until the client's threads run (the connect and Dask's loop)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr == (
        "docconv: error: interrupted; finished outputs are complete, none is partial\n"
    )
    assert not (tmp_path / "o").exists()


def test_without_the_extra_cluster_is_a_usage_error(cli, tmp_path, monkeypatch) -> None:
    articles(tmp_path, 1)
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails, as when missing
    result = cli("convert", "000.txt", "-t", "md", "-d", "o", "--cluster", "tcp://127.0.0.1:1")
    assert result.exit_code == 2
    assert result.stderr == (
        "docconv: error: --cluster needs dask.distributed, which is not installed: "
        "pip install 'docconv[cluster]'\n"
    )
    assert not (tmp_path / "o").exists()


def test_s3_to_s3_through_the_python_api(dask, s3, tmp_path) -> None:
    articles(tmp_path / "src" / "a", 6)
    s3.put(str(tmp_path / "src"), "bucket/c1/in", recursive=True)
    results = convert.convert_many(
        ["s3://bucket/c1/in/"], ["pdf", "brief"], "s3://bucket/c1/out", client=dask
    )
    assert [r.error for r in results] == [None] * 6
    assert [r.source for r in results] == [f"s3://bucket/c1/in/a/{i:03d}.txt" for i in range(6)]
    assert sorted(s3.find("bucket/c1/out")) == [
        f"bucket/c1/out/a/{i:03d}.{ext}" for i in range(6) for ext in ("brief.md", "pdf")
    ]
    assert "（4）" in pdf_text(s3.cat("bucket/c1/out/a/004.pdf"))


def docconv(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``docconv ARGS`` in its own process (this environment, plus ``env``)."""
    command = [sys.executable, "-m", "convert", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})  # fmt: skip


WORKER = r"worker tcp://127\.0\.0\.1:\d+"


def test_a_plugin_missing_on_the_workers_stops_the_run_before_any_file(dask, tmp_path) -> None:
    """docconv-shout 1.2 is installed where docconv runs and not on the workers: the docconv
    process has the folder holding that distribution (as pip lays it out) on PYTHONPATH, the
    LocalCluster's worker processes were started without it. Each of the 40 files used to
    fail on its own ("unknown format 'shout'"), 40 lines and exit 7."""
    site = plugin_site(tmp_path / "site", "1.2")
    articles(tmp_path / "in", 40)
    result = docconv("convert", "in", "-t", "md", "-t", "shout", "-d", "out", "--cluster",
                     dask.scheduler.address, cwd=tmp_path, PYTHONPATH=str(site))  # fmt: skip
    assert result.returncode == 4, result.stderr
    assert re.fullmatch(
        f"docconv: error: cluster: {WORKER}: missing plugin 'shout' "
        r"\(installed on this machine: docconv-shout 1\.2\); 1 other worker too\n",
        result.stderr,
    ), result.stderr
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[object]:
    """A client of a scheduler without workers: each test starts its own."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=0, processes=True, dashboard_address=":0", host="127.0.0.1") as c,
        Client(c) as client,
    ):
        yield client


@pytest.mark.parametrize(
    ("installed", "problem"),
    [
        (("docconv-shout", "1.1"), r"plugin 'shout' is docconv-shout 1\.1 "
                                   r"\(installed on this machine: docconv-shout 1\.2\)"),
        (("docconv", "0.0.1"), r"docconv 0\.0\.1 \(installed on this machine: docconv "
                               + re.escape(docconv_version()) + r"\)"),
    ],
)  # fmt: skip
def test_a_worker_with_other_versions_stops_the_run(installed, problem, scheduler, tmp_path):
    """The worker runs in its own process with a folder on PYTHONPATH holding another
    version of docconv-shout (a real plugin package), or docconv's metadata at another
    version ahead of this environment's (what importlib.metadata, and pip, then report)."""
    here = plugin_site(tmp_path / "here", "1.2")
    there = plugin_site(tmp_path / "there", installed[1], dist=installed[0])
    articles(tmp_path / "in", 5)
    address = scheduler.scheduler.address
    with worker_process(scheduler, there):
        result = docconv("convert", "in", "-t", "shout", "-d", "out", "--cluster", address,
                         cwd=tmp_path, PYTHONPATH=str(here))  # fmt: skip
    assert result.returncode == 4, result.stderr
    assert re.fullmatch(f"docconv: error: cluster: {WORKER}: {problem}\n", result.stderr), (
        result.stderr
    )
    assert not (tmp_path / "out").exists()


def test_a_worker_that_joins_after_the_check_fails_each_file_in_one_line(scheduler, tmp_path):
    """The run starts with one worker that has docconv-shout 1.2, as docconv's machine does,
    kept busy by another client's task; the files wait on the scheduler. A worker with
    docconv-shout 1.1 then joins and takes them: each fails with the check's line (it used
    to convert them with the other version). The busy worker is then let go."""
    from distributed import Event

    here = plugin_site(tmp_path / "here", "1.2")
    there = plugin_site(tmp_path / "there", "1.1")
    articles(tmp_path / "in", 30)
    tasks = scheduler.cluster.scheduler.tasks
    command = [sys.executable, "-m", "convert", "convert", "in", "-t", "shout", "-d", "out",
               "--cluster", scheduler.scheduler.address]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(here)}
    stderr = tmp_path / "stderr"
    hold = Event("hold", client=scheduler)
    with worker_process(scheduler, here) as good:
        busy = scheduler.submit(Event.wait, hold, 300, workers=[good], pure=False)
        with stderr.open("w") as err:
            process = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=err, text=True)
        deadline = time.monotonic() + 120
        while len(tasks) < 2 and time.monotonic() < deadline:  # the run's tasks, after the check
            time.sleep(0.05)
        with worker_process(scheduler, there):
            while "1.1" not in stderr.read_text() and time.monotonic() < deadline:
                time.sleep(0.05)
            hold.set()
            busy.result(timeout=60)
            process.wait(timeout=120)
    lines = stderr.read_text().splitlines()
    assert process.returncode == 7, lines
    failed = [line for line in lines[:-1] if " 1.1 " in line]
    assert failed and len(failed) == len(lines) - 1, lines
    for line in failed:
        assert re.fullmatch(
            rf"docconv: error: in/(\d+)\.txt: {WORKER}: plugin 'shout' is docconv-shout 1\.1 "
            r"\(installed on this machine: docconv-shout 1\.2\)",
            line,
        ), line
    summary = f"docconv: {30 - len(failed)} converted, {len(failed)} failed, 0 skipped of 30 files"
    assert lines[-1].startswith(summary)
    assert len(list((tmp_path / "out").glob("*.shout"))) == 30 - len(failed)


def test_a_scheduler_without_workers_is_one_line_after_the_timeout(scheduler, tmp_path) -> None:
    """Files sent to a scheduler with no worker used to wait for ever."""
    articles(tmp_path / "in", 2)
    result = docconv("convert", "in", "-t", "md", "-d", "out", "--cluster",
                     scheduler.scheduler.address, cwd=tmp_path,
                     DOCCONV_CLUSTER_TIMEOUT="0.5")  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        f"docconv: error: --cluster {scheduler.scheduler.address}: no worker has joined the "
        "scheduler (waited 0.5 s)\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_killed_worker_s_files_are_converted_once_elsewhere(dask, tmp_path) -> None:
    articles(tmp_path / "in", 80, paragraphs=6)
    out = tmp_path / "out"
    pids = dask.run(os.getpid)  # worker address -> process id
    killed: list[int] = []

    def kill_one_when_started() -> None:
        while len(list(out.glob("*.pdf"))) < 8:
            time.sleep(0.02)
        pid = next(iter(pids.values()))
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    killer = threading.Thread(target=kill_one_when_started)
    killer.start()
    results = convert.convert_many([tmp_path / "in"], ["pdf"], out, client=dask)
    killer.join()
    assert killed
    assert [r.error for r in results] == [None] * 80
    assert sorted(r.source for r in results) == sorted(str(p) for p in (tmp_path / "in").iterdir())
    for i in range(80):
        assert f"（{i}）" in pdf_text((out / f"{i:03d}.pdf").read_bytes())
    assert leftovers(out) == []
    dask.wait_for_workers(2, timeout=30)  # the nanny restarts it, for the next tests


def test_a_lost_scheduler_stops_the_batch_in_one_line(tmp_path) -> None:
    """The scheduler, in its own process as in production, is killed mid-batch. Dask's
    client then cancels every task: docconv skipped them as if never sent (exit 0, "113
    not started (--fail-fast)") after Dask's traceback on stderr."""
    articles(tmp_path / "in", 120, paragraphs=6)
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                 "--port", str(port), "--dashboard-address", ":0"]  # fmt: skip
    worker = [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "2",
              "--nthreads", "1", "--no-dashboard"]  # fmt: skip
    command = [sys.executable, "-m", "convert", "convert", "in", "-t", "pdf", "-d", "out",
               "--cluster", address]  # fmt: skip
    env = {**os.environ, "DOCCONV_CLUSTER_TIMEOUT": "60"}  # the scheduler starts meanwhile
    out = tmp_path / "out"
    with running(scheduler) as dying, running(worker, cwd=tmp_path):
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE,
                                   text=True)  # fmt: skip
        deadline = time.monotonic() + 120
        while len(list(out.glob("*.pdf"))) < 4 and time.monotonic() < deadline:
            time.sleep(0.02)
        dying.kill()
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 7, stderr
    lost = re.fullmatch(
        f"docconv: error: cluster: lost the scheduler at {address}: "
        r"(\d+) of 120 files not converted or not confirmed "
        r"\(run again with --skip-existing to convert only those\)\n",
        stderr,
    )
    assert lost, stderr
    assert 0 < int(lost[1]) <= 120
    for pdf in out.glob("*.pdf"):
        assert PdfReader(pdf).pages


def test_a_file_that_kills_every_worker_fails_alone(register_plugin, tmp_path) -> None:
    """Article 7 kills the worker process converting it (cluster_crash). Dask gives its
    task to another worker, then gives up (KilledWorker); the task held 4 files, and all
    4 failed with Dask's paragraph about the task. Now each is tried again alone: only
    article 7 fails, in one line."""
    import dask.config
    from cluster_crash import plugin
    from distributed import Client, LocalCluster

    register_plugin(plugin, "crash")
    articles(tmp_path / "in", 32)  # 8 tasks of 4 files for one worker
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 1}),
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            host="127.0.0.1",
            preload=[str(Path(__file__).parent / "cluster_crash.py")],
        ) as cluster,  # fmt: skip
        Client(cluster) as client,
    ):
        results = convert.convert_many([tmp_path / "in"], ["crash"], tmp_path / "out",
                                       client=client)  # fmt: skip
    failed = [r for r in results if r.error]
    assert [(r.source, r.exit_code) for r in failed] == [(str(tmp_path / "in" / "007.txt"), 5)]
    assert re.fullmatch(
        f"{re.escape(failed[0].source)}: not converted: the worker process converting it "
        f"died, 2 times \\(the last: {WORKER[len('worker ') :]}; see the workers' logs\\)",
        failed[0].error,
    ), failed[0].error
    made = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert made == [f"{i:03d}.crash" for i in range(32) if i != 7]


def test_ctrl_c_cancels_the_futures_and_leaves_no_partial_output(dask, tmp_path) -> None:
    articles(tmp_path / "in", 200, paragraphs=6)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "convert", "convert", "in", "-t", "pdf", "-d", "out",
               "--cluster", dask.scheduler.address]  # fmt: skip
    process = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(list(out.glob("*.pdf"))) < 6 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.splitlines()[-1] == (
        "docconv: error: interrupted; finished outputs are complete, none is partial"
    )
    time.sleep(1.5)  # tasks running on the workers finish their file, nothing else starts
    made = sorted(out.glob("*.pdf"))
    assert 6 <= len(made) < 200
    for pdf in made:
        assert PdfReader(pdf).pages
    assert leftovers(out) == []


PROBE = f"""
import sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from cluster_fixtures import mapped_by
from convert.cluster_worker import undo_malloc_trim
print(mapped_by(2**20) > 0, mapped_by(2**20) > 0, undo_malloc_trim(), mapped_by(2**20) > 0)
"""


@pytest.mark.parametrize(
    ("variable", "printed"),
    [
        ("65536", "True True True False"),  # Dask's setting: every MiB mapped until undone
        (None, "True False False False"),  # glibc's adaptive rule: left alone
    ],
)
def test_malloc_trim_setting_is_undone_only_where_set(variable, printed) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
    if variable is not None:
        env["MALLOC_TRIM_THRESHOLD_"] = variable
    command = [sys.executable, "-c", PROBE]
    assert subprocess.run(command, env=env, capture_output=True, text=True).stdout == (
        printed + "\n"
    )


def test_a_worker_s_first_plan_undoes_the_nanny_s_malloc_setting(dask) -> None:
    workers = list(dask.nthreads())  # scheduler_info() races its periodic update
    assert set(dask.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values()) == {"65536"}
    for worker in workers:  # a task that builds the plan, on each worker
        task = dask.submit(convert_on_worker, PlanSpec(("md",)), [], False, (docconv_version(), ()),
                           workers=[worker], pure=False)  # fmt: skip
        assert task.result() == []
    assert dask.run(mapped_by, 2**20) == dict.fromkeys(workers, 0)


def test_the_preload_warms_a_worker_before_its_first_task(tmp_path) -> None:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            host="127.0.0.1",
            preload=["convert.cluster_worker"],
        ) as cluster,
        Client(cluster) as client,
    ):
        heavy = ("reportlab", "jieba", "onnxruntime", "docconv_plugins.chinese.opencc_adapter")
        [(worker, modules)] = client.run(loaded, *heavy).items()
        assert modules == list(heavy)
        assert client.run(mapped_by, 2**20) == {worker: 0}
        tokenizer = client.run(tokenizer_id)[worker]
        assert tokenizer is not None  # jieba's dictionary, loaded before any task
        articles(tmp_path / "in", 3)
        results = convert.convert_many([tmp_path / "in"], ["pdf", "brief"], tmp_path / "out",
                                       client=client)  # fmt: skip
        assert client.run(tokenizer_id) == {worker: tokenizer}  # the tasks used that one
    assert [r.error for r in results] == [None] * 3
    assert "（2）" in pdf_text((tmp_path / "out" / "002.pdf").read_bytes())
