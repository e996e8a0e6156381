"""Batch conversion: directories, mirroring, parallel workers, failures, re-runs, interruption."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from convert import Document, Transform, Writer, hookimpl
from convert.progress import Progress


@pytest.fixture
def folder(tmp_path: Path, seed_text: str) -> Path:
    """A tree of good and bad articles, with equal stems in different folders."""
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a" / "news.txt").write_text(seed_text, encoding="utf-8")
    (root / "b" / "news.txt").write_text(seed_text, encoding="gb18030")
    (root / "b" / "deep" / "other.txt").write_text("標題\n\n正文。", encoding="utf-8")
    (root / "b" / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "notes.rst").write_text("not matched by the default glob, and no reader takes it")
    return root


def test_folder_mirrors_the_tree_reports_each_failure_and_exits_7(cli, folder, tmp_path) -> None:
    result = cli("convert", folder, "-t", "json", "-t", "md", "-d", "out", "--jobs", "1")
    assert result.exit_code == 7
    out = tmp_path / "out"
    made = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert made == [
        "a/news.json", "a/news.md", "b/deep/other.json", "b/deep/other.md",
        "b/news.json", "b/news.md",
    ]  # fmt: skip
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert errors == [
        f"docconv: error: {folder / 'b' / 'empty.txt'}: empty file (no text to convert)",
        f"docconv: error: {folder / 'binary.txt'}: not a text file (contains NUL bytes)",
    ]
    assert "3 converted, 2 failed, 0 skipped of 5 files" in result.stderr.splitlines()[-1]
    a = json.loads((out / "a" / "news.json").read_text())
    b = json.loads((out / "b" / "news.json").read_text())
    assert a["blocks"] == b["blocks"]


def test_parallel_run_gives_the_same_outputs(cli, folder, tmp_path) -> None:
    cli("convert", folder, "-t", "txt", "-t", "md", "-d", "one", "--jobs", "1")
    result = cli("convert", folder, "-t", "txt", "-t", "md", "-d", "two", "--jobs", "2")
    assert result.exit_code == 7
    one, two = tmp_path / "one", tmp_path / "two"
    files = sorted(p.relative_to(one) for p in one.rglob("*.*"))
    assert files == sorted(p.relative_to(two) for p in two.rglob("*.*"))
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)


def test_fail_fast_stops_at_the_first_failure(cli, folder, tmp_path) -> None:
    result = cli("convert", folder, "-t", "txt", "-d", "out", "--jobs", "1", "--fail-fast")
    assert result.exit_code == 7
    # Sorted order: a/news, b/deep/other, b/empty (fails), b/news, binary.
    assert (tmp_path / "out" / "b" / "deep" / "other.txt").exists()
    assert not (tmp_path / "out" / "b" / "news.txt").exists()
    assert "binary.txt" not in result.stderr
    assert "2 converted, 1 failed, 0 skipped, 2 not started (--fail-fast) of 5 files" in (
        result.stderr
    )


def test_single_input_keeps_its_own_exit_code(cli, folder) -> None:
    assert cli("convert", folder / "binary.txt", "-t", "txt").exit_code == 3


def test_glob_selects_files(cli, folder, tmp_path) -> None:
    result = cli("convert", folder, "--glob", "other.*", "-t", "txt", "-d", "out")
    assert result.exit_code == 0
    assert [p.name for p in (tmp_path / "out").rglob("*.txt")] == ["other.txt"]


def test_equal_stems_given_directly_never_collide(cli, folder, tmp_path) -> None:
    result = cli(
        "convert", folder / "a" / "news.txt", folder / "b" / "news.txt", "-t", "md", "-d", "o"
    )
    assert result.exit_code == 0
    assert (tmp_path / "o" / "a" / "news.md").exists() and (
        tmp_path / "o" / "b" / "news.md"
    ).exists()


def test_skip_existing_skips_up_to_date_outputs(cli, folder, tmp_path) -> None:
    good = [folder / "a" / "news.txt", folder / "b" / "deep" / "other.txt"]
    assert cli("convert", *good, "-t", "md", "-d", "o").exit_code == 0
    again = cli("convert", *good, "-t", "md", "-d", "o", "--skip-existing")
    assert "0 converted, 0 failed, 2 skipped of 2 files" in again.stderr
    later = time.time() + 10
    os.utime(good[0], (later, later))
    third = cli("convert", *good, "-t", "md", "-d", "o", "--skip-existing")
    assert "1 converted, 0 failed, 1 skipped of 2 files" in third.stderr


def test_rerun_replaces_outputs_in_place(cli, folder, tmp_path) -> None:
    article = folder / "b" / "deep" / "other.txt"
    cli("convert", article, "-t", "txt", "-d", "o")
    article.write_text("新標題\n\n新正文。", encoding="utf-8")
    cli("convert", article, "-t", "txt", "-d", "o")
    assert (tmp_path / "o" / "other.txt").read_text() == "新標題\n\n新正文。\n"
    assert [p.name for p in (tmp_path / "o").iterdir()] == ["other.txt"]


def test_no_progress_bar_when_stderr_is_not_a_terminal(cli, folder) -> None:
    result = cli("convert", folder, "-t", "txt", "-d", "o")
    assert "ETA" not in result.stderr


def test_progress_line_counts_files_failures_rate_and_eta() -> None:
    stream = io.StringIO()
    progress = Progress(4, enabled=True, stream=stream)
    progress.advance(failed=False)
    progress.advance(failed=True)
    assert "2/4 files, 1 failed" in stream.getvalue()
    assert "files/s, ETA" in stream.getvalue()


def test_quiet_silences_the_summary(cli, folder) -> None:
    result = cli("convert", folder, "-t", "txt", "-d", "o", "-q")
    assert "converted" not in result.stderr
    assert result.stderr.count("error:") == 2


def _running_batch(
    tmp_path: Path, seed_text: str, fmt: str, new_session: bool = False
) -> tuple[subprocess.Popen[str], Path]:
    """A real `docconv convert -j 2` over 4000 articles, returned once 50 outputs exist."""
    src, out = tmp_path / "many", tmp_path / "out"
    src.mkdir()
    for i in range(4000):
        (src / f"{i:04d}.txt").write_text(seed_text, encoding="utf-8")
    command = ["convert", str(src), "-t", fmt, "-d", str(out), "-j", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "convert", *command],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=new_session,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob(f"*.{fmt}"))) < 50:
        time.sleep(0.05)
    return proc, out


@pytest.mark.slow
def test_killing_a_batch_leaves_no_partial_output(tmp_path, seed_text) -> None:
    proc, out = _running_batch(tmp_path, seed_text, "json")
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr
    written = list(out.iterdir())
    assert 50 <= len(written) < 4000
    assert all(p.suffix == ".json" for p in written), [
        p.name for p in written if p.suffix != ".json"
    ]
    for path in written:
        assert json.loads(path.read_text(encoding="utf-8"))["meta"]["source"] == "無錫日報"


def test_an_output_never_replaces_another_input(cli, tmp_path, seed) -> None:
    (tmp_path / "a.txt").write_text("原標題\n\n原內容\n", encoding="utf-8")
    cli("convert", seed, "-t", "json", "-o", "a.json")
    result = cli("convert", "a.txt", "a.json", "-t", "txt")
    assert result.exit_code == 6
    assert "a.txt: refusing to overwrite the input file a.txt" in result.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "原標題\n\n原內容\n"


def test_equal_names_in_two_directory_arguments_mirror_their_folders(cli, folder, tmp_path) -> None:
    result = cli("convert", folder / "a", folder / "b", "--glob", "news.txt", "-t", "md", "-d", "o")
    assert result.exit_code == 0, result.stderr
    made = sorted(str(p.relative_to(tmp_path / "o")) for p in (tmp_path / "o").rglob("*.md"))
    assert made == ["a/news.md", "b/news.md"]


def test_two_inputs_that_would_write_one_file_are_refused(cli, tmp_path, seed_text) -> None:
    for name in ("x.txt", "x.text"):
        (tmp_path / name).write_text(seed_text, encoding="utf-8")
    result = cli("convert", "x.txt", "x.text", "-t", "md", "-d", "o")
    assert result.exit_code == 2
    assert "x.txt and x.text would both be written to o/x.md" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_file_named_and_found_in_a_directory_is_converted_once(cli, folder) -> None:
    result = cli("convert", folder / "a", folder / "a" / "news.txt", "-t", "md", "-d", "o")
    assert result.exit_code == 0
    assert "docconv: 1 converted, 0 failed, 0 skipped of 1 file in" in result.stderr
    assert sorted(p.name for p in Path("o").iterdir()) == ["news.md"]


@pytest.mark.parametrize("pattern", ["/tmp/*.txt", "../*.txt"])
def test_glob_outside_the_directories_is_a_usage_error(cli, folder, pattern) -> None:
    result = cli("convert", folder, "--glob", pattern, "-t", "md", "-d", "o")
    assert result.exit_code == 2
    assert "--glob" in result.stderr and "Traceback" not in result.stderr


def test_quiet_before_the_command_is_honoured(cli, seed) -> None:
    result = cli("-q", "convert", seed, "-t", "md", "-d", "o")
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_signalling_a_parallel_batch_group_is_one_line(tmp_path, seed_text, sig) -> None:
    """Ctrl-C in a terminal, `timeout`/systemd stopping docconv, or the terminal closing
    (SIGHUP) signal the whole group."""
    proc, out = _running_batch(tmp_path, seed_text, "md", new_session=True)
    os.killpg(proc.pid, sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if line] == [
        "docconv: error: interrupted; finished outputs are complete, none is partial"
    ]
    assert all(p.suffix == ".md" for p in out.iterdir())


def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"\nPPid:\t{pid}\n" in status.read_text():
                found.append(int(status.parent.name))
        except OSError:
            continue
    return found


@pytest.mark.slow
def test_a_worker_that_dies_is_survived(tmp_path, seed_text) -> None:
    proc, out = _running_batch(tmp_path, seed_text, "md")
    os.kill(_children(proc.pid)[0], signal.SIGKILL)  # as the out-of-memory killer would
    _, stderr = proc.communicate(timeout=120)
    assert "a worker process died; retrying its unfinished files one by one" in stderr
    assert "Traceback" not in stderr
    assert proc.returncode == 0, stderr
    assert len(list(out.glob("*.md"))) == 4000


def test_stdin_among_files_with_d_is_read(cli, folder, tmp_path, seed_text) -> None:
    result = cli("convert", "-", folder / "a" / "news.txt", "-t", "md", "-d", "o", "-j", "2",
                 input=seed_text.encode())  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "o" / "stdin.md").read_text().startswith("# 無錫代表團")


def test_rerunning_over_a_folder_holding_its_outputs_is_safe(
    cli, tmp_path, seed_text, monkeypatch
) -> None:
    for folder in ("in", "here"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(seed_text, encoding="utf-8")
    for _ in range(2):  # an output directory inside the searched one
        result = cli("convert", "in", "-t", "md", "-t", "zh-hans", "-d", "in/out")
        assert result.exit_code == 0, result.stderr
    files = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "in").rglob("*.*"))
    assert files == ["in/a.txt", "in/out/a.md", "in/out/a.zh-hans.txt"]
    monkeypatch.chdir(tmp_path / "here")
    for _ in range(2):  # outputs beside the inputs: cd articles && docconv convert .
        result = cli("convert", ".", "-t", "zh-hans")
        assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "here").iterdir()) == ["a.txt", "a.zh-hans.txt"]


def test_a_folder_file_that_would_be_its_own_output_is_refused(cli, tmp_path, seed_text) -> None:
    """``docconv convert in -t txt -d in``: in/a.txt is its own txt output. It is refused
    (exit 6, nothing written), not taken for an earlier output and silently skipped."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(seed_text, encoding="utf-8")
    result = cli("convert", "in", "-t", "txt", "-t", "brief", "-d", "in")
    assert result.exit_code == 6
    assert "in/a.txt: refusing to overwrite the input file in/a.txt" in result.stderr
    assert [p.name for p in (tmp_path / "in").iterdir()] == ["a.txt"]
    assert (tmp_path / "in" / "a.txt").read_text(encoding="utf-8") == seed_text


def _status(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    """Running (or stopped), not gone and not a zombie waiting for init to reap it."""
    status = _status(pid)
    if not status:
        return False
    return "\nState:\tZ" not in status and "\nState:\tX" not in status


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal: Linux")
def test_workers_end_when_their_parent_is_killed(tmp_path, seed_text) -> None:
    proc, out = _running_batch(tmp_path, seed_text, "md")
    workers = _children(proc.pid)
    assert workers
    proc.kill()  # SIGKILL: no handler, no clean-up in the parent
    proc.wait()
    deadline = time.monotonic() + 60  # a hang guard for a loaded machine, not a timing test
    while time.monotonic() < deadline and any(map(_alive, workers)):
        time.sleep(0.1)
    assert not [_status(pid) for pid in workers if _alive(pid)]
    assert [p.name for p in out.iterdir() if p.suffix != ".md"] == []  # no temporary file left


def test_worker_count_is_bounded_by_files_and_cpus(caplog) -> None:
    from convert.workers import MAX_WORKERS_PER_CPU, usable_cpus, worker_count

    ceiling = MAX_WORKERS_PER_CPU * usable_cpus()
    assert worker_count(300, 2) == 2
    assert worker_count(None, 1000) == usable_cpus()
    assert worker_count(100_000, 1_000_000) == ceiling
    assert f"--jobs 100000: using {ceiling} worker processes" in caplog.text


def test_a_huge_jobs_number_starts_no_more_workers_than_files(cli, folder, tmp_path) -> None:
    result = cli("convert", folder / "a", folder / "b" / "deep", "-t", "md", "-d", "o",
                 "-j", "100000")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "worker processes" not in result.stderr  # two files: two workers, as documented
    assert len(list((tmp_path / "o").rglob("*.md"))) == 2


def test_a_batch_in_which_every_file_fails_exits_7_as_documented(cli, tmp_path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(b"")
    result = cli("convert", "a.txt", "b.txt", "-t", "md", "-d", "o")
    assert result.exit_code == 7
    assert "0 converted, 2 failed" in result.stderr
    assert "7  one or more files of a batch failed" in cli("convert", "--help").stdout


@pytest.mark.parametrize("where", ["same", "parent"])
def test_output_folder_equal_to_or_above_the_input_folder(
    cli, tmp_path, seed_text, monkeypatch, where
) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(seed_text, encoding="utf-8")
    target = "d" if where == "same" else "."
    assert cli("convert", "d", "-t", "zh-hans", "-d", target).exit_code == 0
    result = cli("convert", "d", "-t", "md", "-d", target)  # a later run, another format
    assert result.exit_code == 0, result.stderr
    made = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.*"))
    inside = ["d/a.md", "d/a.txt", "d/a.zh-hans.txt"]
    assert made == (inside if where == "same" else ["a.md", "a.zh-hans.txt", "d/a.txt"])


def test_docconv_outputs_beside_their_source_are_never_inputs(cli, tmp_path, seed_text) -> None:
    (tmp_path / "x.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "report.md.txt").write_text(seed_text, encoding="utf-8")  # not our naming
    for fmt in ("zh-hans", "brief", "md"):
        assert cli("convert", ".", "-t", fmt).exit_code == 0
    assert cli("convert", ".", "-T", "simplified", "-t", "txt").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "report.md.brief.md", "report.md.md", "report.md.simplified.txt", "report.md.txt",
        "report.md.zh-hans.txt", "x.brief.md", "x.md", "x.simplified.txt", "x.txt",
        "x.zh-hans.txt",
    ]  # fmt: skip


class CountsLoads:
    """A test writer loading a 'dictionary' lazily, once per process, recording the pid."""

    log: Path | None = None
    loaded = False

    @hookimpl
    def register_writers(self) -> list[Writer]:
        def render(document: Document, options: object) -> bytes:
            if not CountsLoads.loaded and CountsLoads.log is not None:
                with CountsLoads.log.open("a") as log:
                    log.write(f"{os.getpid()}\n")
                CountsLoads.loaded = True
            return document.meta.title.encode()

        return [Writer(name="loads", render=render, extension="lds", media_type="x/y",
                       description="counts its loads")]  # fmt: skip


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux")
def test_workers_share_what_the_parent_loaded_before_forking(
    cli, register_plugin, tmp_path, seed_text, monkeypatch
) -> None:
    monkeypatch.setattr(CountsLoads, "log", tmp_path / "loads.log")
    monkeypatch.setattr(CountsLoads, "loaded", False)
    register_plugin(CountsLoads(), "counts-loads")
    for i in range(6):
        (tmp_path / f"{i}.txt").write_text(seed_text, encoding="utf-8")
    result = cli("convert", *(f"{i}.txt" for i in range(6)), "-t", "loads", "-d", "o", "-j", "2")
    assert result.exit_code == 0, result.stderr
    assert len(list((tmp_path / "o").glob("*.lds"))) == 6
    assert (tmp_path / "loads.log").read_text().split() == [str(os.getpid())]  # once, here


def test_only_names_docconv_adds_to_a_source_count_as_its_outputs() -> None:
    from convert.batch import OutputNames
    from convert.plugins import get_plugin_manager

    names = OutputNames.installed(get_plugin_manager())
    sources = ["x.txt", "x.docx", "x.y.txt", "x.notes.txt", "z.simplified.txt"]
    outputs = ["x.zh-hans.txt", "x.y.brief.md", "x.simplified.brief.txt"]
    files = [Path(n) for n in sources + outputs]
    kept = [p.name for p in names.drop_outputs(files)]
    assert kept == sources


SLOW_BATCH = """
import os, sys, time
from convert import Writer, hookimpl
from convert.plugins import get_plugin_manager

class Slow:
    @hookimpl
    def register_writers(self):
        def render(document, options):
            if document.meta.title == "slow":
                with open("slow.pid", "w") as pid:
                    pid.write(str(os.getpid()))
                time.sleep(float(os.environ["SLOW_SECONDS"]))
            return b"done"
        return [Writer(name="slow", render=render, extension="slw", media_type="x/y",
                       description="sleeps on one article")]

get_plugin_manager().register(Slow(), "slow")
from convert.cli import main
main(sys.argv[1:])
"""


def _slow_batch(tmp_path: Path, slow_seconds: int) -> subprocess.Popen[str]:
    """``-j 2`` over a.txt (``slow_seconds`` to convert) and three fast files, returned
    once the fast ones are written: one worker is in a.txt, the other waits for work."""
    (tmp_path / "a.txt").write_text("slow\n\n正文。", encoding="utf-8")
    for i in range(3):
        (tmp_path / f"b{i}.txt").write_text(f"快{i}\n\n正文。", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_BATCH, "convert", ".", "-t", "slow", "-d", "o", "-j", "2"],
        cwd=tmp_path, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "SLOW_SECONDS": str(slow_seconds)},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list((tmp_path / "o").glob("*.slw"))) < 3:
        time.sleep(0.05)
    return proc


def test_a_long_file_does_not_delay_stopping_a_batch(tmp_path) -> None:
    proc = _slow_batch(tmp_path, 600)
    os.killpg(proc.pid, signal.SIGTERM)  # one worker is 600 s into a.txt
    try:
        _, stderr = proc.communicate(timeout=60)  # a hang guard: before, it waited for a.txt
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["b0.slw", "b1.slw", "b2.slw"]


def test_a_worker_killed_while_waiting_for_work_is_survived(tmp_path) -> None:
    """A worker killed while it waits for work holds the pool's task-queue lock for good;
    the other worker, stopped by the pool, must not wait on that lock forever."""
    proc = _slow_batch(tmp_path, 3)
    time.sleep(0.5)  # the worker that wrote them is now blocked reading the task queue
    slow = int((tmp_path / "slow.pid").read_text())
    (idle,) = [pid for pid in _children(proc.pid) if pid != slow]
    os.kill(idle, signal.SIGKILL)
    try:
        _, stderr = proc.communicate(timeout=60)  # before, the pool waited forever
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert "a worker process died; retrying its unfinished files one by one" in stderr
    assert proc.returncode == 0, stderr
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == [
        "a.slw", "b0.slw", "b1.slw", "b2.slw"
    ]  # fmt: skip


class CountsCalls:
    """A third-party transform that logs every document it is given."""

    log: Path | None = None

    @hookimpl
    def register_transforms(self) -> list[Transform]:
        def apply(document: Document, options: object) -> Document:
            if CountsCalls.log is not None:
                with CountsCalls.log.open("a") as log:
                    log.write(f"{document.name}\n")
            return document

        return [Transform(name="counts", apply=apply, description="logs its documents")]


def test_a_third_party_transform_never_runs_on_the_warm_up_document(
    cli, register_plugin, tmp_path, seed_text, monkeypatch
) -> None:
    """It ran once more in the parent, on a made-up document: a slow or paid transform paid
    for it (a reviewer's 3-second transform made a 3-file batch 9 s instead of 6)."""
    monkeypatch.setattr(CountsCalls, "log", tmp_path / "calls.log")
    register_plugin(CountsCalls(), "counts-calls")
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(seed_text, encoding="utf-8")
    result = cli("convert", "0.txt", "1.txt", "2.txt", "-T", "counts", "-t", "md", "-d", "o",
                 "-j", "2")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert sorted((tmp_path / "calls.log").read_text().split()) == ["0.txt", "1.txt", "2.txt"]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc (a folder no one writes)")
@pytest.mark.parametrize("inputs", [["a", "b"], ["a"]], ids=["two folders", "one folder, one file"])
def test_a_batch_into_a_folder_that_takes_no_files_is_one_error_first(cli, folder, inputs) -> None:
    """It converted every file, then printed one 'cannot write' line per file (exit 7)."""
    result = cli("convert", *(folder / i for i in inputs), "-t", "md", "-d", "/proc/docconv-test")
    assert result.exit_code == 6
    [line] = result.stderr.splitlines()
    assert line.startswith("docconv: error: /proc/docconv-test: cannot write there (")


@pytest.mark.parametrize("directory", ["taken", "taken/sub"])
def test_a_batch_into_a_file_is_one_error_first(cli, folder, directory) -> None:
    """-d naming a file (or a folder below one) gave one 'cannot write' line per input."""
    Path("taken").write_text("a file")
    result = cli("convert", folder, "-t", "md", "-d", directory)
    assert result.exit_code == 6
    assert result.stderr.splitlines() == [
        f"docconv: error: {directory}: cannot write there (taken is a file, not a folder)"
    ]
    assert Path("taken").read_text() == "a file"


@pytest.mark.parametrize(
    ("names", "code", "summary"),
    [
        (["bad.md"], 7, "0 converted, 1 failed, 0 skipped of 1 file"),
        (["bad.md", "good.md"], 7, "1 converted, 1 failed, 0 skipped of 2 files"),
        (["good.md"], 0, "1 converted, 0 failed, 0 skipped of 1 file"),
    ],
)
def test_a_folder_is_a_batch_whatever_its_glob_finds(
    cli, tmp_path, seed_text, names, code, summary
) -> None:
    """A folder whose --glob found one file was a single input: its failure exited 3 with no
    summary, while two files gave a summary and exit 7. A script sees one behaviour now."""
    (tmp_path / "in").mkdir()
    for name in names:
        (tmp_path / "in" / name).write_text("" if name == "bad.md" else seed_text, "utf-8")
    (tmp_path / "in" / "other.txt").write_text(seed_text, encoding="utf-8")  # not matched
    result = cli("convert", "in", "--glob", "*.md", "-t", "txt", "-d", "o")
    assert result.exit_code == code
    lines = result.stderr.splitlines()
    errors = ["docconv: error: in/bad.md: empty file (no text to convert)"] * ("bad.md" in names)
    left = "docconv: warning: in: 1 file a reader takes was not matched by --glob '*.md' "
    assert lines[:-1] == [left + "(.txt: 1); add --glob '*.txt' to convert it", *errors]
    assert re.fullmatch(rf"docconv: {summary} in \d+\.\d s", lines[-1]), lines[-1]
    written = sorted(p.name for p in (tmp_path / "o").iterdir()) if "good.md" in names else []
    assert written == ["good.txt"] * ("good.md" in names)


def test_a_folder_given_with_o_is_a_batch_too(cli, folder) -> None:
    result = cli("convert", folder / "a", "-t", "md", "-o", "x.md")  # a/ holds one file
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "docconv: error: -o takes one input file and one format; "
        "use -d DIR for folders and several files"
    ]


def test_a_glob_matching_nothing_is_one_input_error(cli, folder) -> None:
    result = cli("convert", folder, "--glob", "*.xyz", "--glob", "*.abc", "-t", "md", "-d", "o")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"docconv: error: {folder}: a directory with no files matching '*.xyz' or '*.abc'; "
        "5 files a reader takes were not matched by --glob '*.xyz' --glob '*.abc' (.txt: 5); "
        "add --glob '*.txt' to convert them"
    ]
    assert not Path("o").exists()


@pytest.fixture
def mixed(cli, tmp_path: Path, seed_text: str) -> Path:
    """Two folders of articles, as text and as docconv JSON, with files the search skips."""
    for folder, names in (("in1", ["a", "b", "c"]), ("in2", ["e", "f"])):
        (tmp_path / folder).mkdir()
        for i, name in enumerate(names):
            (tmp_path / folder / f"{name}.txt").write_text(f"標題{name}\n\n正文。", "utf-8")
            if i:  # all but the first as JSON
                cli("convert", f"{folder}/{name}.txt", "-t", "json", "-d", folder)
                (tmp_path / folder / f"{name}.txt").unlink()
    cli("convert", "in1/b.json", "-t", "json", "-o", "in1/.hidden.json")
    (tmp_path / "in1" / ".cache").mkdir()  # a hidden folder's files are no inputs either
    cli("convert", "in1/b.json", "-t", "json", "-o", "in1/.cache/d.json")
    (tmp_path / "in1" / ".cache" / "d.txt").write_text(seed_text, "utf-8")
    (tmp_path / "in1" / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # no reader takes it
    (tmp_path / "in1" / "o").mkdir()  # the output folder: never searched
    cli("convert", "in1/b.json", "-t", "json", "-o", "in1/o/old.json")
    return tmp_path


def test_files_a_reader_takes_but_no_glob_matched_are_one_warning(cli, mixed) -> None:
    """A folder's .md files were skipped in silence under the default *.txt."""
    cli("convert", "in1/a.txt", "-t", "json", "-d", "in1")  # an earlier output beside its input
    result = cli("convert", "in1", "in2", "-t", "txt", "-d", "in1/o")
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "docconv: warning: in1, in2: 3 files a reader takes were not matched by --glob '*.txt' "
        "(.json: 3); add --glob '*.json' to convert them"
    )
    assert len(lines) == 2 and "2 converted, 0 failed, 0 skipped of 2 files" in lines[1]


def test_a_repeated_glob_takes_each_kind_once_and_leaves_nothing_to_warn_of(cli, mixed) -> None:
    result = cli("convert", "in1", "in2", "--glob", "*.txt", "--glob", "*.json",
                 "--glob", "a.*", "-t", "md", "-d", "in1/o")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(result.stderr.splitlines()) == 1  # the summary, no warning
    assert "5 converted, 0 failed, 0 skipped of 5 files" in result.stderr
    made = sorted(p.name for p in (mixed / "in1" / "o").glob("*.md"))
    assert made == ["a.md", "b.md", "c.md", "e.md", "f.md"]
    for name in made:
        text = (mixed / "in1" / "o" / name).read_text("utf-8")
        assert text.startswith(f"# 標題{name[0]}\n"), text


def test_convert_many_takes_one_glob_or_several(mixed) -> None:
    import convert

    def converted(glob: str | list[str]) -> list[str]:
        results = convert.convert_many(mixed / "in1", "md", mixed / "in1" / "o", glob=glob)
        assert all(r.error is None for r in results)
        return [Path(r.source).name for r in results]

    assert converted("*.json") == ["b.json", "c.json"]  # one pattern, not its characters
    assert converted(["*.json", "*.txt"]) == ["a.txt", "b.json", "c.json"]
    assert converted(("a.txt",)) == ["a.txt"]
    with pytest.raises(convert.UsageError, match="--glob: give at least one pattern"):
        convert.convert_many(mixed / "in1", "md", mixed / "out", glob=[])


def test_help_says_glob_is_repeatable(cli) -> None:
    text = " ".join(cli("convert", "--help").output.split())
    assert (
        "--glob PATTERN Files to take from directory inputs, searched recursively "
        "(repeatable: a file matching any is taken). [default: *.txt]" in text
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_options_every_file_fails_on_stop_the_batch_with_one_error(
    cli, tmp_path, seed_text, jobs
) -> None:
    """A writer's or transform's option refused while converting (a missing reference
    DOCX, font file) printed the same line once per file, then exit 7."""
    for i in range(4):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{i}.txt").write_text(seed_text, encoding="utf-8")
    result = cli("convert", "in", "-t", "docx", "-O", "reference_docx=missing.docx",
                 "-d", "o", "-j", jobs)  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "docconv: error: reference_docx: missing.docx: no such file"
    ]
    assert not list(tmp_path.glob("o/*.docx"))


def test_a_reader_refusing_an_option_fails_only_its_files(cli, tmp_path, seed_text) -> None:
    """--encoding means nothing to the DOCX reader: that file fails, the text file converts."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(seed_text, encoding="utf-8")
    assert cli("convert", "in/a.txt", "-t", "docx", "-o", "in/b.docx").exit_code == 0
    result = cli("convert", "in", "--glob", "*", "--encoding", "utf-8", "-t", "md", "-d", "o")
    assert result.exit_code == 7
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("docconv: error: in/b.docx: --encoding: ")
    assert "0 skipped of 2 files" in lines[1]
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["a.md"]


def test_convert_many_raises_an_option_every_file_fails_on(tmp_path, seed_text) -> None:
    import convert

    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text(seed_text, encoding="utf-8")
    with pytest.raises(convert.UsageError) as raised:
        convert.convert_many(tmp_path / "in", "docx", tmp_path / "o", reference_docx="missing.docx")
    assert str(raised.value) == "reference_docx: missing.docx: no such file"
    assert not list(tmp_path.glob("o/*.docx"))


def test_an_output_of_a_file_no_glob_matched_is_no_input(cli, tmp_path, seed_text) -> None:
    """a.simplified.txt, made from a.md beside it, was converted as an article of its own."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(seed_text, "utf-8")
    (tmp_path / "in" / "b.txt").write_text(seed_text, "utf-8")
    assert cli("convert", "in/a.md", "-T", "simplified", "-t", "txt", "-d", "in").exit_code == 0
    assert (tmp_path / "in" / "a.simplified.txt").is_file()
    result = cli("convert", "in", "-t", "md", "-d", "o")
    assert result.exit_code == 0, result.stderr
    assert "1 converted, 0 failed, 0 skipped of 1 file" in result.stderr
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["b.md"]
