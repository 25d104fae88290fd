"""Data files shipped next to the extraction code: vocabularies and patterns.

Every recognizer keeps its Vietnamese words in a YAML or TSV file under
``chidao/extraction/data/`` and reads it through these cached loaders, so
extending a vocabulary never means editing code.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_PACKAGE = "chidao.extraction.data"


def read_text(name: str) -> str:
    """The text of the data file ``data/<name>`` (UTF-8)."""
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """Parse ``data/<name>`` as YAML (cached: treat the result as read-only)."""
    return yaml.safe_load(read_text(name))


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of ``data/<name>``, tab-separated; blank lines and lines starting with '#' skipped."""
    rows = []
    for line in read_text(name).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of ``data/<name>``, stripped."""
    return tuple(
        line.strip()
        for line in read_text(name).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
