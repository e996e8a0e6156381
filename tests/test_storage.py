"""Inputs and outputs named by URLs: moto's S3 server and file:// URLs, in one process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cluster_fixtures import articles, s3
from pypdf import PdfReader

pytestmark = pytest.mark.cluster
__all__ = ["s3"]  # the fixture, used by name


def test_s3_folder_to_s3_mirrors_the_tree_and_reports_a_bad_file(cli, s3, tmp_path) -> None:
    articles(tmp_path / "src" / "sub", 3)
    (tmp_path / "src" / "bad.txt").write_bytes(b"\x00\x01 not text")
    (tmp_path / "src" / ".hidden.txt").write_text("skipped")
    s3.put(str(tmp_path / "src"), "bucket/t1/in", recursive=True)
    result = cli(
        "convert", "s3://bucket/t1/in/", "-t", "pdf", "-t", "json", "-d", "s3://bucket/t1/out"
    )
    assert result.exit_code == 7
    assert result.stderr.splitlines()[:1] == [
        "docconv: error: s3://bucket/t1/in/bad.txt: not a text file (contains NUL bytes)"
    ]
    assert "3 converted, 1 failed, 0 skipped of 4 files" in result.stderr
    assert sorted(s3.find("bucket/t1/out")) == [
        f"bucket/t1/out/sub/{i:03d}.{ext}" for i in range(3) for ext in ("json", "pdf")
    ]  # mirrored, nothing else: no temporary key is left
    document = json.loads(s3.cat("bucket/t1/out/sub/001.json"))
    assert document["meta"]["title"].endswith("（1）")
    pdf = PdfReader(io.BytesIO(s3.cat("bucket/t1/out/sub/001.pdf")))
    assert "（1）" in pdf.pages[0].extract_text()


def test_back_from_s3_to_a_local_folder_with_skip_existing(cli, s3, tmp_path) -> None:
    articles(tmp_path / "src", 2)
    s3.put(str(tmp_path / "src"), "bucket/t2/in", recursive=True)
    assert (
        cli("convert", "s3://bucket/t2/in", "-t", "json", "-d", "s3://bucket/t2/mid").exit_code == 0
    )
    back = cli("convert", "s3://bucket/t2/mid/", "--glob", "*.json", "-t", "txt", "-d", "local")
    assert back.exit_code == 0, back.stderr
    for i in range(2):
        original = (tmp_path / "src" / f"{i:03d}.txt").read_text()
        assert (tmp_path / "local" / f"{i:03d}.txt").read_text().split() == original.split()
    again = cli("convert", "s3://bucket/t2/mid/", "--glob", "*.json", "-t", "txt", "-d", "local",
                "--skip-existing")  # fmt: skip
    assert "0 converted, 0 failed, 2 skipped of 2 files" in again.stderr


def test_the_input_limit_applies_to_objects(cli, s3, tmp_path) -> None:
    s3.pipe("bucket/t3/big.txt", "標題\n\n".encode() + "正文。".encode() * 1000)
    result = cli("convert", "s3://bucket/t3/big.txt", "-t", "md", "-d", "s3://bucket/t3/out",
                 "--max-input-size", "1K")  # fmt: skip
    assert result.exit_code == 3
    assert result.stderr.strip() == (
        "docconv: error: s3://bucket/t3/big.txt: larger than the input limit of 1 KiB "
        "(see --max-input-size)"
    )
    assert not s3.exists("bucket/t3/out")


def test_never_writes_over_an_input_object(cli, s3) -> None:
    s3.pipe("bucket/t4/a.txt", "標題\n\n正文。".encode())
    result = cli("convert", "s3://bucket/t4/a.txt", "-t", "txt", "-d", "s3://bucket/t4")
    assert result.exit_code == 6
    assert "refusing to overwrite the input file s3://bucket/t4/a.txt" in result.stderr
    assert s3.cat("bucket/t4/a.txt") == "標題\n\n正文。".encode()


def test_file_urls_and_an_output_folder_inside_the_input_folder(cli, tmp_path) -> None:
    articles(tmp_path / "in", 2)
    url = (tmp_path / "in").as_uri()
    first = cli("convert", url, "-t", "md", "-d", f"{url}/out")
    assert first.exit_code == 0, first.stderr
    again = cli("convert", url, f"{url}/001.txt", "-t", "md", "-d", f"{url}/out")  # not out/
    assert "2 converted, 0 failed, 0 skipped of 2 files" in again.stderr
    assert sorted(p.name for p in (tmp_path / "in" / "out").iterdir()) == ["000.md", "001.md"]


def test_urls_want_an_output_folder_and_plain_runs_never_import_fsspec(cli, tmp_path) -> None:
    articles(tmp_path, 1)
    result = cli("convert", (tmp_path / "000.txt").as_uri(), "-t", "md", "-o", "x.md")
    assert result.exit_code == 2
    assert "with URLs, give the output folder with -d (not -o)" in result.stderr
    code = (
        "import sys; from convert.cli import main\n"
        "try: main(['convert', '000.txt', '-t', 'md', '-d', 'o'])\n"
        "except SystemExit: pass\n"
        "assert 'fsspec' not in sys.modules and 'distributed' not in sys.modules"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=tmp_path).returncode == 0
    assert Path(tmp_path / "o" / "000.md").is_file()


def test_convert_many_without_a_client_converts_here(tmp_path) -> None:
    import convert

    articles(tmp_path / "in", 3)
    (tmp_path / "in" / "bad.txt").write_bytes(b"")
    results = convert.convert_many([tmp_path / "in"], ["md", "json"], tmp_path / "out", jobs=2)
    assert [(Path(r.source).name, r.exit_code) for r in results] == [
        ("000.txt", 0), ("001.txt", 0), ("002.txt", 0), ("bad.txt", 3)
    ]  # fmt: skip
    assert results[3].error == f"{tmp_path / 'in' / 'bad.txt'}: empty file (no text to convert)"
    assert json.loads((tmp_path / "out" / "002.json").read_text())["meta"]["title"].endswith(
        "（2）"
    )
    from_urls = convert.convert_many([(tmp_path / "in" / "001.txt").as_uri()], ["md"], tmp_path)
    assert [r.written for r in from_urls] == [(f"{tmp_path}/001.md",)]
    assert (tmp_path / "001.md").read_text() == (tmp_path / "out" / "001.md").read_text()


def test_an_s3_folder_in_a_missing_bucket_is_one_error_first(cli, s3, tmp_path) -> None:
    """It converted every file, then printed one 'cannot write' line per file (exit 7)."""
    articles(tmp_path / "src", 2)
    s3.put(str(tmp_path / "src"), "bucket/t5/in", recursive=True)
    result = cli("convert", "s3://bucket/t5/in/", "-t", "md", "-d", "s3://no-such-bucket/out")
    assert result.exit_code == 6
    assert result.stderr.splitlines() == [
        "docconv: error: s3://no-such-bucket/out: cannot write there "
        "(no bucket named 'no-such-bucket')"
    ]
    assert "no-such-bucket" not in s3.ls("")


def test_a_file_url_folder_that_is_a_file_is_one_error_first(cli, tmp_path) -> None:
    articles(tmp_path / "in", 2)
    (tmp_path / "taken").write_text("a file")
    url = (tmp_path / "taken").as_uri()
    result = cli("convert", (tmp_path / "in").as_uri(), "-t", "md", "-d", url)
    assert result.exit_code == 6
    assert result.stderr.splitlines() == [
        f"docconv: error: {url}: cannot write there ({tmp_path / 'taken'} is a file, not a folder)"
    ]


@pytest.mark.parametrize("single", [False, True])
def test_an_s3_folder_without_credentials_is_one_error_first(
    cli, s3, tmp_path, monkeypatch, single: bool
) -> None:
    """Each file printed 'internal error: NoCredentialsError' after converting (exit 7); one
    file said so as an internal error (exit 1), naming the input, not the folder."""
    from s3fs import S3FileSystem

    written = articles(tmp_path / "in", 2)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.aws
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    S3FileSystem.clear_instance_cache()
    try:
        source = str(written[0].relative_to(tmp_path)) if single else "in"
        result = cli("convert", source, "-t", "md", "-d", "s3://bucket/t6/out")
    finally:
        S3FileSystem.clear_instance_cache()
    assert result.exit_code == 6
    assert result.stderr.splitlines() == [
        "docconv: error: s3://bucket/t6/out: cannot write there "
        "(NoCredentialsError: Unable to locate credentials)"
    ]


def test_an_s3_folder_takes_every_glob_and_warns_once_of_files_none_matched(
    cli, s3, tmp_path
) -> None:
    """The default *.txt skipped a prefix's other articles in silence; a second --glob
    replaced the first."""
    articles(tmp_path / "src" / "sub", 2)
    assert cli("convert", "src/sub/001.txt", "-t", "json", "-o", "src/sub/001.json").exit_code == 0
    for i in (5, 6):  # JSON articles of other stems, one in a hidden folder
        (tmp_path / "src" / "sub" / f"00{i}.json").write_bytes(
            (tmp_path / "src" / "sub" / "001.json").read_bytes()
        )
    (tmp_path / "src" / ".old").mkdir()
    (tmp_path / "src" / ".old" / "009.json").write_bytes(b"{}")
    (tmp_path / "src" / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # no reader takes it
    s3.put(str(tmp_path / "src"), "bucket/t7/in", recursive=True)
    url = "s3://bucket/t7/in"
    plain = cli("convert", url, "-t", "md", "-d", "s3://bucket/t7/out")
    assert plain.exit_code == 0, plain.stderr
    lines = plain.stderr.splitlines()
    assert lines[0] == (
        f"docconv: warning: {url}: 2 files a reader takes were not matched by --glob '*.txt' "
        "(.json: 2); add --glob '*.json' to convert them"
    )  # 001.json beside 001.txt: its earlier output, not counted
    assert len(lines) == 2 and "2 converted, 0 failed, 0 skipped of 2 files" in lines[1]
    s3.rm("bucket/t7/in/sub/001.json")
    both = cli("convert", url, "--glob", "*.txt", "--glob", "*.json", "-t", "md",
               "-d", "s3://bucket/t7/both")  # fmt: skip
    assert both.exit_code == 0, both.stderr
    assert len(both.stderr.splitlines()) == 1  # the summary alone: nothing left to warn of
    assert "4 converted, 0 failed, 0 skipped of 4 files" in both.stderr
    assert sorted(s3.find("bucket/t7/both")) == [
        f"bucket/t7/both/sub/00{i}.md" for i in (0, 1, 5, 6)
    ]
    assert s3.cat("bucket/t7/both/sub/005.md") == s3.cat("bucket/t7/both/sub/001.md")
    none = cli("convert", url, "--glob", "*.docx", "-t", "md", "-d", "s3://bucket/t7/none")
    assert none.exit_code == 3
    assert none.stderr.splitlines() == [
        f"docconv: error: {url}: a directory with no files matching '*.docx'; 4 files a reader "
        "takes were not matched by --glob '*.docx' (.json: 2, .txt: 2); add --glob '*.json' "
        "--glob '*.txt' to convert them"
    ]
