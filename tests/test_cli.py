"""The docconv command line: outputs, options, errors and exit codes."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import convert
from convert import Writer, hookimpl


class BinaryAndBrokenWriters:
    """A test plugin: one binary writer and one that always fails."""

    @hookimpl
    def register_writers(self) -> list[Writer]:
        def boom(document, options):
            raise ValueError("kaboom")

        return [
            Writer(
                name="blob",
                render=lambda doc, opts: b"\x00BLOB" + doc.meta.title.encode(),
                extension="blob",
                media_type="application/octet-stream",
                binary=True,
                description="test binary writer",
            ),
            Writer(
                name="broken", render=boom, extension="brk", media_type="x/y", description="fails"
            ),
        ]


@pytest.fixture
def test_writers(register_plugin) -> None:
    register_plugin(BinaryAndBrokenWriters(), "test-writers")


def test_convert_to_several_formats_into_a_directory(cli, seed, tmp_path) -> None:
    result = cli("convert", seed, "-t", "json", "-t", "txt", "-t", "md", "-d", "out")
    assert result.exit_code == 0, result.output
    stem = seed.stem
    for ext in ("json", "txt", "md"):
        assert (tmp_path / "out" / f"{stem}.{ext}").is_file()
        assert f"out/{stem}.{ext}" in result.stderr
    assert (
        json.loads((tmp_path / "out" / f"{stem}.json").read_text())["meta"]["source"] == "無錫日報"
    )


def test_without_o_or_d_outputs_go_to_the_current_directory(cli, seed, tmp_path) -> None:
    result = cli("convert", seed, "-t", "md")
    assert result.exit_code == 0
    assert (tmp_path / f"{seed.stem}.md").read_text().startswith("# 無錫代表團")
    assert result.stderr.strip() == f"docconv: wrote {seed.stem}.md"


def test_format_from_output_extension(cli, seed, tmp_path) -> None:
    assert cli("convert", seed, "-o", "a.md").exit_code == 0
    assert (tmp_path / "a.md").read_text().startswith("# ")


def test_output_to_stdout(cli, seed, seed_text) -> None:
    result = cli("convert", seed, "-t", "txt", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == seed_text + "\n"


def test_stdin_text_goes_to_stdout(cli, seed_text) -> None:
    result = cli("convert", "-", "-t", "md", input=seed_text.encode("gb18030"))
    assert result.exit_code == 0
    assert result.stdout.startswith("# 無錫代表團")


def test_stdin_to_a_binary_format_can_go_down_a_pipe(cli, seed_text, test_writers) -> None:
    result = cli("convert", "-", "-t", "blob", input=seed_text)
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\x00BLOB")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["-t", "nope"], 4, "unknown format 'nope'"),
        (["-T", "nope", "-t", "txt"], 4, "unknown transform 'nope'"),
        (["-f", "nope", "-t", "txt"], 4, "unknown reader 'nope'"),
        ([], 2, "no output format"),
        (["-o", "x.unknownext"], 2, "unknown output extension"),
        (["-t", "txt", "-t", "md", "-o", "x"], 2, "-o takes one input file and one format"),
        (["-t", "txt", "-o", "x", "-d", "y"], 2, "either -o or -d"),
        (
            ["-t", "json", "-O", "nope=1"],
            2,
            "unknown option 'nope' (valid: json.encoding, json.indent, md.encoding, text.encoding)",
        ),
        (["-t", "json", "-O", "indent=wide"], 2, "option 'indent' expects int"),
        (["-t", "json", "-O", "indent"], 2, "-O expects KEY=VALUE"),
        (["-t", "json", "-O", "indent=100000000"], 2, "option 'indent' must be in 0..16"),
        (["-t", "json", "-O", "indent=-3"], 2, "option 'indent' must be in 0..16"),
        (["-t", "brief", "-O", "items=-1"], 2, "option 'items' must be at least 0; got -1"),
        (["-t", "txt", "--max-input-size", "lots"], 2, "--max-input-size: expected a size"),
        (["-t", "txt", "--max-input-size", "0"], 2, "--max-input-size: expected a size"),
        (["-t", "txt", "--encoding", "klingon"], 2, "unknown encoding"),
    ],
)
def test_usage_errors_have_exit_codes_and_one_line(cli, seed, args, code, message) -> None:
    result = cli("convert", seed, *args)
    assert result.exit_code == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_missing_input_is_exit_3(cli, tmp_path) -> None:
    result = cli("convert", "missing.txt", "-t", "txt")
    assert result.exit_code == 3
    assert result.stderr.strip() == "docconv: error: missing.txt: no such file"


def test_directory_input_is_exit_3(cli, tmp_path) -> None:
    (tmp_path / "d").mkdir()
    result = cli("convert", "d", "-t", "txt")
    assert result.exit_code == 3
    assert result.stderr.strip() == "docconv: error: d: a directory with no files matching '*.txt'"


def test_input_is_never_overwritten(cli, tmp_path, seed_text) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_text)
    result = cli("convert", article, "-t", "txt", "-d", tmp_path)
    assert result.exit_code == 6
    assert "refusing to overwrite the input" in result.stderr
    assert article.read_text() == seed_text


def test_failed_render_is_exit_5_names_the_plugin_and_leaves_nothing(
    cli, seed, tmp_path, test_writers
) -> None:
    result = cli("convert", seed, "-t", "broken", "-d", "out")
    assert result.exit_code == 5
    assert "writer 'broken' (plugin 'test-writers') failed: ValueError: kaboom" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_verbose_shows_the_traceback(cli, seed, test_writers) -> None:
    result = cli("convert", seed, "-t", "broken", "-o", "x.brk", "-v")
    assert result.exit_code == 5
    assert "Traceback" in result.stderr


def test_unwritable_output_directory_is_exit_6(cli, seed, tmp_path, monkeypatch) -> None:
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("convert.output._create_temporary", denied)
    result = cli("convert", seed, "-t", "txt", "-d", tmp_path / "locked")
    assert result.exit_code == 6
    assert result.stderr.strip().endswith("cannot write (Permission denied)")


def test_output_directory_that_is_a_file_is_exit_6(cli, seed, tmp_path) -> None:
    (tmp_path / "file").write_text("x")
    result = cli("convert", seed, "-t", "txt", "-d", tmp_path / "file")
    assert result.exit_code == 6
    problem = f"file: cannot write there ({tmp_path / 'file'} is a file, not a folder)"
    assert problem in result.stderr


def test_formats_lists_builtins(cli) -> None:
    result = cli("formats")
    assert result.exit_code == 0
    for name in ("json", "txt", "md", "text", "punctuation"):
        assert name in result.stdout
    rows = json.loads(cli("formats", "--json").stdout)
    writers = {r["name"]: r for r in rows if r["kind"] == "writer"}
    assert writers["md"]["extension"] == "md" and writers["md"]["plugin"] == "markdown"
    assert writers["json"]["options"][0]["name"] == "indent"


def test_plugins_json_lists_builtins_with_hooks(cli) -> None:
    infos = {i["name"]: i for i in json.loads(cli("plugins", "--all", "--json").stdout)}
    assert infos["text"]["distribution"] == "docconv"
    assert infos["text"]["hooks"] == ["register_readers", "register_writers"]


def test_version(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0 and "docconv" in result.stdout


def test_in_process_test_plugin_is_registered_then_gone(cli, register_plugin) -> None:
    from convert.plugins import get_plugin_manager

    pm = get_plugin_manager()
    plugin = BinaryAndBrokenWriters()
    pm.register(plugin, "temporary")
    assert pm.writers.get("blob").plugin == "temporary"
    pm.unregister("temporary")
    assert "blob" not in cli("formats").stdout


def test_binary_output_is_never_written_to_a_terminal(seed, test_writers) -> None:
    from click.testing import CliRunner

    from convert.cli import main

    with CliRunner().isolation() as (out, err, _):
        sys.stdout.isatty = lambda: True  # type: ignore[method-assign]
        with pytest.raises(SystemExit) as exit_info:
            main(["convert", str(seed), "-t", "blob", "-o", "-"])
    assert exit_info.value.code == 6
    assert b"refusing to write binary blob to a terminal" in err.getvalue()
    assert out.getvalue() == b""


def test_outputs_are_written_atomically(seed, tmp_path) -> None:
    import convert

    target = tmp_path / "a.txt"
    target.write_text("old")
    convert.convert(seed, target)
    assert target.read_text().startswith("無錫代表團")
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert Path(target).stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_unreadable_input_is_exit_3(cli, tmp_path, monkeypatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("標題")
    original = open

    def guarded_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(path).name == "secret.txt":  # chmod 000 does not stop root
            raise PermissionError(13, "Permission denied")
        return original(path, *args, **kwargs)

    monkeypatch.setattr("convert.inputs.open", guarded_open, raising=False)
    result = cli("convert", secret, "-t", "txt", "-d", "out")
    assert result.exit_code == 3
    assert result.stderr.strip() == f"docconv: error: {secret}: permission denied"
    assert not (tmp_path / "out").exists()


def test_json_on_stdin_is_recognised_without_f(cli, seed) -> None:
    as_json = cli("convert", seed, "-t", "json", "-o", "-").stdout
    result = cli("convert", "-", "-t", "md", input=as_json)
    assert result.exit_code == 0
    assert result.stdout.startswith("# 無錫代表團")


def test_a_format_named_twice_is_written_once(cli, seed) -> None:
    result = cli("convert", seed, "-t", "md", "-t", "markdown", "-d", "o")
    assert result.exit_code == 0
    assert result.stderr.count("wrote") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["convert"], "Missing argument 'INPUT...'. (see 'docconv convert --help')"),
        (["convert", "x.txt", "-j", "0"], "Invalid value for '-j' / '--jobs'"),
        (["--bogus"], "No such option '--bogus'"),
        (["nosuchcommand"], "No such command 'nosuchcommand'"),
    ],
)
def test_command_line_mistakes_are_one_line_with_exit_2(cli, args, message) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("docconv: error: ") and message in lines[0]


def test_outputs_made_through_transforms_are_named_after_them(cli, seed, tmp_path) -> None:
    result = cli("convert", seed, "-T", "punctuation", "-t", "txt", "-t", "md", "-d", "o")
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "o").iterdir())
    assert names == [f"{seed.stem}.punctuation.md", f"{seed.stem}.punctuation.txt"]


def test_o_into_a_missing_directory_is_exit_6(cli, seed, tmp_path) -> None:
    result = cli("convert", seed, "-t", "txt", "-o", "nowhere/x.txt")
    assert result.exit_code == 6
    assert (
        result.stderr.strip() == "docconv: error: nowhere/x.txt: directory nowhere does not exist"
    )
    assert not (tmp_path / "nowhere").exists()


def test_o_named_for_another_format_warns(cli, seed, tmp_path) -> None:
    result = cli("convert", seed, "-t", "json", "-o", "x.md")
    assert result.exit_code == 0
    assert "x.md: writing json into a file named for md" in result.stderr
    assert (tmp_path / "x.md").read_text().startswith("{")


def test_skip_existing_says_so_for_a_single_file(cli, seed, tmp_path) -> None:
    cli("convert", seed, "-t", "md")
    result = cli("convert", seed, "-t", "md", "--skip-existing")
    assert result.stderr.strip() == f"docconv: skipped {seed}: outputs are newer"


def test_output_names_near_the_file_name_limit(cli, seed_text, tmp_path) -> None:
    stem = "無錫代表團在青海海東市學習考察並推動東西部協作合作項目" * 3  # 243 bytes in UTF-8
    (tmp_path / f"{stem}.txt").write_text(seed_text, encoding="utf-8")
    result = cli("convert", f"{stem}.txt", "-t", "md", "-d", "o")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "o" / f"{stem}.md").exists()


def test_a_file_name_with_a_newline_is_a_file(cli, seed_text, tmp_path) -> None:
    """Such a name was taken for article text ("expected a file path or bytes, got text"),
    alone and, without naming the file, in a batch."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "line\nbreak.txt").write_text(seed_text, encoding="utf-8")
    alone = cli("convert", tmp_path / "in" / "line\nbreak.txt", "-t", "md", "-o", "-")
    assert alone.exit_code == 0 and alone.stdout.startswith("# 無錫代表團"), alone.stderr
    batch = cli("convert", "in", "-t", "md", "-d", "o")
    assert batch.exit_code == 0, batch.stderr
    assert (tmp_path / "o" / "line\nbreak.md").read_text(encoding="utf-8").startswith("# 無錫")


def test_a_missing_or_bad_file_with_a_newline_in_its_name_is_one_line(cli, tmp_path) -> None:
    """A missing one was 'expected a file path or bytes, got text' (the API's guard against
    article text given as a path); an error naming one printed the raw newline, so a script
    reading stderr line by line saw two lines."""
    missing = cli("convert", "no\nsuch.txt", "-t", "txt")
    assert missing.exit_code == 3
    assert missing.stderr == "docconv: error: no\\nsuch.txt: no such file\n"
    (tmp_path / "em\npty.txt").write_bytes(b"")
    empty = cli("convert", "em\npty.txt", "-t", "md", "-o", "-")
    assert empty.exit_code == 3 and empty.stderr.count("\n") == 1
    assert empty.stderr.startswith("docconv: error: em\\npty.txt: ")


def test_docconv_json_without_an_extension_is_recognised(cli, seed, tmp_path) -> None:
    cli("convert", seed, "-t", "json", "-o", "noext")
    result = cli("convert", "noext", "-t", "md", "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("# 無錫代表團")


def test_a_codec_that_is_not_a_text_encoding_is_a_usage_error(cli, seed) -> None:
    result = cli("convert", seed, "-t", "txt", "--encoding", "rot13", "-o", "-")
    assert result.exit_code == 2
    assert "'rot13' is not a text encoding" in result.stderr


def test_json_with_sorted_keys_on_stdin_is_recognised(cli, seed) -> None:
    data = json.loads(cli("convert", seed, "-t", "json", "-o", "-").stdout)
    result = cli(
        "convert", "-", "-t", "md", input=json.dumps(data, sort_keys=True).encode("utf-16")
    )
    assert result.exit_code == 0 and result.stdout.startswith("# 無錫代表團")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-t", "md", "-t", "txt", "-o", "-"], "-o takes one input file and one format"),
        (["-t", "md", "-o", ""], "-o and -d need a name"),
    ],
)
def test_standard_output_and_empty_names(cli, seed, args, message) -> None:
    result = cli("convert", seed, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_several_formats_from_stdin_to_stdout_are_refused(cli, seed_text) -> None:
    result = cli("convert", "-", "-t", "md", "-t", "txt", input=seed_text.encode())
    assert result.exit_code == 2
    assert "standard output takes one format" in result.stderr
    assert result.stdout == ""


# --- Misuse: special files, endless input, closed pipes, signals, environment -------------


def _docconv(*args: object, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """A real ``docconv`` process (signals, inherited descriptors and exit paths are real)."""
    command = [sys.executable, "-m", "convert", *map(str, args)]
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(command, stderr=subprocess.PIPE, timeout=120, **kwargs)


def _popen(*args: object, **kwargs: Any) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "convert", *map(str, args)], **kwargs)


def _make_device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    except PermissionError:
        pytest.skip("creating a character device needs root (CAP_MKNOD)")


def test_o_writes_into_a_character_device_without_replacing_it(cli, seed, tmp_path) -> None:
    device = tmp_path / "null"
    _make_device(device)
    result = cli("convert", seed, "-t", "md", "-o", device)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_o_streams_into_a_fifo_without_replacing_it(cli, seed, tmp_path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = cli("convert", seed, "-t", "md", "-o", fifo)
    reader.join(timeout=60)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received[0].decode().startswith("# 無錫代表團")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_o_to_a_link_to_the_standard_output_writes_down_the_pipe(seed, tmp_path) -> None:
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    result = _docconv("convert", seed, "-t", "md", "-o", link)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().startswith("# 無錫代表團")
    assert os.readlink(link) == "/proc/self/fd/1"


def test_o_dev_stdout_appends_to_a_file_the_shell_opened_for_appending(seed, tmp_path) -> None:
    log = tmp_path / "log.md"
    log.write_text("earlier line\n")
    with open(log, "ab") as appended:  # docconv ... -o /dev/stdout >> log.md
        result = _docconv("convert", seed, "-t", "md", "-o", "/dev/stdout", stdout=appended)
    assert result.returncode == 0, result.stderr
    text = log.read_text()
    assert text.startswith("earlier line\n# 無錫代表團")


def test_o_through_a_symlink_replaces_its_target_not_the_link(cli, seed, tmp_path) -> None:
    (tmp_path / "real.md").write_text("old")
    (tmp_path / "link.md").symlink_to("real.md")
    assert cli("convert", seed, "-t", "md", "-o", "link.md").exit_code == 0
    assert os.readlink(tmp_path / "link.md") == "real.md"
    assert (tmp_path / "real.md").read_text().startswith("# 無錫代表團")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_an_input_over_the_size_limit_is_exit_3_and_writes_nothing(cli, tmp_path) -> None:
    (tmp_path / "big.txt").write_text("標題\n\n" + "正文。" * 1000, encoding="utf-8")
    result = cli("convert", "big.txt", "-t", "md", "--max-input-size", "4K", "-d", "out")
    assert result.exit_code == 3
    assert result.stderr == (
        "docconv: error: big.txt: larger than the input limit of 4 KiB (see --max-input-size)\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("how", ["file", "stdin"])
def test_endless_input_stops_at_the_limit(tmp_path, how) -> None:
    if how == "file":
        result = _docconv("convert", "/dev/zero", "-t", "md", "-o", "-", "--max-input-size", "8M")
    else:
        with open("/dev/zero", "rb") as zero:
            result = _docconv(
                "convert", "-", "-t", "md", "-o", "-", "--max-input-size", "8M", stdin=zero
            )
    assert result.returncode == 3
    name = "/dev/zero" if how == "file" else "<stdin>"
    assert result.stderr.decode() == (
        f"docconv: error: {name}: larger than the input limit of 8 MiB (see --max-input-size)\n"
    )
    assert result.stdout == b""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_reading_an_endless_pipe_is_an_interruption(sig) -> None:
    proc = _popen(
        "convert", "-", "-t", "md", "-o", "-",
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdin is not None
    proc.stdin.write("標題\n\n正文。".encode() * 100_000)  # more than a pipe holds: read
    proc.stdin.flush()
    proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert (
        stderr.decode()
        == "docconv: error: interrupted; finished outputs are complete, none is partial\n"
    )


def test_a_closed_standard_output_ends_the_run_quietly(seed) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `docconv ... | head -c 0`: nobody will read
    try:
        result = _docconv("convert", seed, "-t", "md", "-o", "-", stdout=write_end)
    finally:
        os.close(write_end)
    assert result.returncode == 0
    assert result.stderr == b""


WRITERS = sorted(f["name"] for f in convert.formats() if f["kind"] == "writer")


@pytest.mark.parametrize("writer", WRITERS)
def test_a_bad_source_date_epoch_is_a_usage_error_for_every_format(
    cli, seed, monkeypatch, writer
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    result = cli("convert", seed, "-t", writer, "-d", "out")
    assert result.exit_code == 2
    assert result.stderr == (
        "docconv: error: SOURCE_DATE_EPOCH must be whole seconds since 1970, got 'abc'\n"
    )


def test_stale_temporary_files_of_dead_runs_are_swept(cli, seed, tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".docconv-{dead.pid}-abc123.tmp"  # left by a run killed mid-write
    alive = out / f".docconv-{os.getpid()}-def456.tmp"  # a live run's file in progress
    foreign = out / ".docconv-notes.tmp"  # not our naming: left alone
    for path in (stale, alive, foreign):
        path.write_bytes(b"partial")
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    assert cli("convert", seed, "-t", "md", "-d", "out").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [alive.name, foreign.name, f"{seed.stem}.md"]
    )
