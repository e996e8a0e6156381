"""Malformed plugins: each is skipped with one line naming it, the field and the value.

Every plugin below is installed through a real entry point. Whatever is wrong with it,
``docconv plugins``, ``formats``, ``formats --json`` and a conversion to txt keep
working; the plugin is listed as BROKEN and provides nothing, not even the parts of it
that were right.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result

import convert
import convert.plugins
from convert import Option, Reader, Writer
from convert.errors import DeclarationError

HEADER = """
from pathlib import Path

from convert import Option, Reader, Transform, Writer, hookimpl


def render(document, options):
    return b"rendered"


def read(data, filename, options):
    raise AssertionError("never called")


def apply(document, options):
    return document


def good():
    return Writer(name="good-part", render=render, extension="good", media_type="text/plain",
                  description="A correct writer next to the broken declaration")
"""


def writer(**fields: str) -> str:
    """Source of a ``register_writers`` returning a good writer and one with ``fields``."""
    given = {
        "name": '"bad-part"',
        "render": "render",
        "extension": '"bad"',
        "media_type": '"text/plain"',
        "description": '"test"',
        **fields,
    }
    arguments = ", ".join(f"{key}={value}" for key, value in given.items())
    return f"\n@hookimpl\ndef register_writers():\n    return [good(), Writer({arguments})]\n"


def option(**fields: str) -> str:
    arguments = ", ".join(f"{key}={value}" for key, value in {"help": '"h"', **fields}.items())
    return writer(options=f"(Option({arguments}),)")


# (plugin source after HEADER, what the one warning line must contain)
MALFORMED = {
    "name-not-a-string": (writer(name="5"), "writer: name=5 must be a string, not int"),
    "name-empty": (writer(name='""'), "writer: name='' must be lower-case letters"),
    "name-with-space": (writer(name='"my format"'), "name='my format' must be lower-case"),
    "name-capitals": (writer(name='"Fancy"'), "name='Fancy' must be lower-case"),
    "priority-string": (writer(priority='"9"'), "writer 'bad-part': priority='9' must be an int"),
    "priority-bool": (writer(priority="True"), "priority=True must be an int"),
    "extension-none": (writer(extension="None"), "extension=None must be a string"),
    "extension-dot": (writer(extension='".dot"'), "extension='.dot' must be a lower-case"),
    "extension-double-dot": (writer(extension='"a..b"'), "extension='a..b' must be"),
    "aliases-string": (writer(aliases='"plaintext"'), "aliases='plaintext' is a string"),
    "alias-repeats-name": (writer(aliases='("bad-part",)'), "aliases=('bad-part',) repeat"),
    "transforms-string": (writer(transforms='"simplified"'), "transforms='simplified' is a"),
    "options-string": (writer(options='"x"'), "writer 'bad-part': options='x' is a string"),
    "options-not-options": (writer(options='({"name": "x"},)'), "options={'name': 'x'} is not"),
    "render-not-callable": (writer(render='"render"'), "render='render' must be a function"),
    "binary-string": (writer(binary='"yes"'), "binary='yes' must be True or False"),
    "description-none": (writer(description="None"), "description=None must be a string"),
    "media-type-none": (writer(media_type="None"), "media_type=None must be a string"),
    "option-type-path": (
        option(name='"where"', type="Path", default='Path("x")'),
        "option 'where': type=<class 'pathlib.Path'> must be one of str, int, float, bool",
    ),
    "option-int-string-choices": (
        option(name='"level"', type="int", choices='("1", "2", "3")'),
        "option 'level': choices=('1', '2', '3') hold a non-int '1'",
    ),
    "option-bad-default": (
        option(name='"ratio"', type="float", default='"abc"'),
        "option 'ratio': default='abc' is not valid: option 'ratio' expects float",
    ),
    "option-default-not-a-choice": (
        option(name='"paper"', choices='("a4", "letter")', default='"b5"'),
        "option 'paper': default='b5' is not valid: option 'paper' must be one of a4, letter",
    ),
    "option-choices-string": (option(name='"paper"', choices='"a4"'), "choices='a4' is a string"),
    "option-name-dotted": (option(name='"pdf.paper"'), "option: name='pdf.paper' must be"),
    "options-twice": (
        writer(options='(Option(name="x", help="h"), Option(name="x", help="h"))'),
        "writer 'bad-part': options='x' is declared twice",
    ),
    "same-name-twice": (
        writer(name='"good-part"', extension='"other"'),
        "register_writers: name='good-part' is claimed by two of its writers",
    ),
    "reader-extensions-string": (
        '\n@hookimpl\ndef register_readers():\n    return [Reader(name="r", read=read, '
        'extensions="md", description="d")]\n',
        "reader 'r': extensions='md' is a string",
    ),
    "reader-sniff-not-callable": (
        '\n@hookimpl\ndef register_readers():\n    return [Reader(name="r", read=read, '
        'sniff="yes", description="d")]\n',
        "reader 'r': sniff='yes' must be a function or None",
    ),
    "reader-fallback-string": (
        '\n@hookimpl\ndef register_readers():\n    return [Reader(name="r", read=read, '
        'fallback="yes", description="d")]\n',
        "reader 'r': fallback='yes' must be True or False",
    ),
    "transform-apply-none": (
        '\n@hookimpl\ndef register_transforms():\n    return [Transform(name="t", apply=None, '
        'description="d")]\n',
        "transform 't': apply=None must be a function",
    ),
    "hook-returns-none": (
        "\n@hookimpl\ndef register_writers():\n    good()\n",
        "register_writers returned None, not a list",
    ),
    "hook-returns-one-writer": (
        "\n@hookimpl\ndef register_writers():\n    return good()\n",
        "register_writers returned Writer(name='good-part'), not a list",
    ),
    "hook-returns-a-reader": (
        '\n@hookimpl\ndef register_writers():\n    return [Reader(name="r", read=read, '
        'description="d")]\n',
        "register_writers returned Reader(name='r') in its list, not a Writer",
    ),
    "hook-raises-system-exit": (
        "\n@hookimpl\ndef register_writers():\n    raise SystemExit(3)\n",
        "register_writers: SystemExit: 3",
    ),
    "import-raises-system-exit": (
        '\nraise SystemExit("cannot work here")\n',
        "SystemExit: cannot work here",
    ),
    "import-builds-a-bad-declaration": (
        '\nBAD = Writer(name="x", render=render, extension=None, media_type="m", '
        'description="d")\n',
        "writer 'x': extension=None must be a string",
    ),
}


@pytest.fixture(autouse=True)
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert.plugins, "_manager", None)
    monkeypatch.delenv("DOCCONV_LOAD_PLUGINS", raising=False)


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("docconv: warning:")]


@pytest.mark.parametrize(("case", "source", "message"), [(k, *v) for k, v in MALFORMED.items()])
def test_malformed_plugin_is_broken_and_everything_else_works(
    cli, seed, install, case: str, source: str, message: str
) -> None:
    install(f"docconv-{case}", HEADER + source)
    plugin = case

    def docconv(*args: object) -> Result:
        """One command as its own process would run it: plugins loaded afresh."""
        convert.plugins._manager = None
        return cli(*args)

    listing = docconv("plugins")
    assert listing.exit_code == 0, listing.output
    [warning] = _warnings(listing.stderr)
    assert f"plugin {plugin!r} (docconv-{case})" in warning
    assert message in warning, warning
    assert f"{plugin} (docconv-{case} 1.0) BROKEN: " in listing.stdout
    assert message in listing.stdout

    [info] = [i for i in json.loads(docconv("plugins", "--json").stdout) if i["name"] == plugin]
    assert message in info["error"]
    assert info["provides"] == {}  # the correct parts of a broken plugin are dropped too

    table = docconv("formats")
    assert table.exit_code == 0, table.output
    assert _warnings(table.stderr) == [warning]
    assert "md, markdown" in table.stdout
    assert "good-part" not in table.stdout

    rows = json.loads(docconv("formats", "--json").stdout)
    assert {"txt", "md", "json", "pdf", "docx"} <= {r["name"] for r in rows}

    result = docconv("convert", seed, "-t", "txt", "-o", "out.txt")
    assert result.exit_code == 0, result.output
    assert _warnings(result.stderr) == [warning]
    assert Path("out.txt").read_text(encoding="utf-8").startswith("無錫")


def test_the_table_covers_at_least_twenty_cases() -> None:
    assert len(MALFORMED) >= 20


def test_a_broken_plugin_does_not_hide_plugins_loaded_after_it(cli, install) -> None:
    """A SystemExit while importing one plugin once left the manager half-loaded."""
    install("docconv-aaa", 'raise SystemExit("no")')
    install(
        "docconv-zzz",
        HEADER + "\n@hookimpl\ndef register_writers():\n    return [good()]\n",
    )
    assert "good-part" in {row["name"] for row in convert.formats()}
    assert "docconv-aaa" in convert.plugins.get_plugin_manager().infos["aaa"].distribution


def test_declarations_check_themselves_when_built() -> None:
    """A plugin author's own tests fail at the line that builds the bad declaration."""
    with pytest.raises(DeclarationError, match=r"writer 'w': extension='\.w' must be"):
        Writer(name="w", render=bytes, extension=".w", media_type="m", description="d")
    with pytest.raises(DeclarationError, match="aliases='plain' is a string"):
        Reader(name="r", read=lambda *a: None, aliases="plain", description="d")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "default", "parsed"),
    [
        ({"type": int}, "3", 3),
        ({"type": float}, 2, 2.0),
        ({"type": bool}, "off", False),
        ({"type": int, "choices": (1, 2, 3)}, 2, 2),
        ({"type": str}, None, None),
    ],
)
def test_option_defaults_are_parsed_to_the_option_type(
    fields: dict[str, object], default: object, parsed: object
) -> None:
    declared = Option(name="x", help="h", default=default, **fields)  # type: ignore[arg-type]
    assert declared.default == parsed
    assert type(declared.default) is type(parsed)


def test_int_choices_are_accepted_from_the_command_line(cli, seed, register_plugin) -> None:
    seen: list[object] = []

    def render(document: convert.Document, options: object) -> bytes:
        seen.append(options["level"])  # type: ignore[index]
        return b"ok\n"

    level = Option(name="level", type=int, choices=(1, 2, 3), default=1, help="h")

    class Plugin:
        @convert.hookimpl
        def register_writers(self) -> list[Writer]:
            return [
                Writer(
                    name="levels",
                    render=render,
                    extension="lv",
                    media_type="text/plain",
                    description="d",
                    options=(level,),
                )
            ]

    register_plugin(Plugin(), "levels")
    assert cli("convert", seed, "-t", "levels", "-O", "level=2", "-o", "-").exit_code == 0
    bad = cli("convert", seed, "-t", "levels", "-O", "level=4", "-o", "-")
    assert bad.exit_code == 2
    assert "option 'level' must be one of 1, 2, 3; got 4" in bad.stderr
    assert seen == [2]
