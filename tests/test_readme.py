"""The README stays true: its Python example runs and its first command converts the seed."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _block(language: str, starting: str) -> str:
    text = README.read_text(encoding="utf-8")
    for block in re.findall(rf"```{language}\n(.*?)```", text, flags=re.S):
        if block.startswith(starting):
            return block
    raise AssertionError(f"no ```{language} block starting with {starting!r} in the README")


def test_python_api_example_runs(tmp_path, monkeypatch, seed) -> None:
    shutil.copytree(seed.parent, tmp_path / "seeds")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    exec(compile(_block("python", "import convert"), "README.md", "exec"), {})
    assert (tmp_path / "out" / "seed.docx").stat().st_size > 0
    assert (tmp_path / "out" / "s.pdf").read_bytes().startswith(b"%PDF")


def test_first_command_converts_the_seed_into_every_format(cli, seed, tmp_path) -> None:
    first = _block("sh", "python3 -m venv")
    command = first.split("&& docconv ", 1)[1].strip()
    args = shlex.split(command)
    args[args.index("seeds/000_23be539ad5687094.txt")] = str(seed)
    result = cli(*args)
    assert result.exit_code == 0, result.output
    import convert
    from convert.plugins import get_plugin_manager

    builtin = {name for name, info in get_plugin_manager().infos.items() if info.builtin}
    writers = {
        f["extension"]
        for f in convert.formats()
        if f["kind"] == "writer" and f["plugin"] in builtin
    }
    made = {p.name.split(".", 1)[1] for p in (tmp_path / "out").iterdir()}
    assert made == writers
