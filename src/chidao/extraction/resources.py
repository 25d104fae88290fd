"""Data files shipped next to the extraction code: vocabularies and patterns.

Every recognizer keeps its Vietnamese words in a YAML or TSV file under
``chidao/extraction/data/`` and reads it through these cached loaders, so
extending a vocabulary never means editing code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml

_PACKAGE = "chidao.extraction.data"


def read_text(name: str) -> str:
    """The text of the data file ``data/<name>`` (UTF-8)."""
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def load_yaml(name: str) -> Any:
    """Parse ``data/<name>`` as YAML (cached: treat the result as read-only)."""
    return yaml.safe_load(read_text(name))


@cache
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of ``data/<name>``, tab-separated; blank lines and lines starting with '#' skipped."""
    rows = []
    for line in read_text(name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of ``data/<name>``, stripped."""
    return tuple(
        line.strip()
        for line in read_text(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regular expression (no groups) matching any of ``phrases``, longest first, as a trie.

    Python's ``re`` tries the branches of a plain alternation one by one at every position;
    the trie shares prefixes, so a vocabulary of hundreds of phrases costs little more than one.
    """
    root: dict[str, Any] = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(root)


def _trie_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if len(branches) == 1 and not ends:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if ends else body
