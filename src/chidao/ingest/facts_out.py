"""``--facts-out FILE``: the facts of a batch run written for analysts, without a database.

- ``.jsonl`` (or ``.ndjson``): one ``chidao.facts/1`` object per line (UTF-8, not escaped),
  flushed after each line and fsync'd at each commit. A later run appends to it; a torn last
  line (a killed run) is cut off first.
- ``.parquet``: one row per text with the columns ``path, sha256, title, kind, chars, genre,
  event_date, event_kind``, ``indicators`` (a list of structs: name, value, unit, qualifier,
  pct_of_plan, yoy_pct, period, span_start, span_end) and ``facts`` (the whole object as a
  JSON string). Rows are written incrementally: each commit writes the buffered rows as one
  row group to a part file in ``FILE.parts/`` (atomically), and closing the writer merges the
  parts, row group by row group, into ``FILE``. A killed run leaves its parts; the next run
  picks them (and an existing ``FILE``) up and merges them with the new rows.

Both writers report ``existing_hashes()`` (the texts already in the file), which the batch
run skips, so resuming never writes a text twice. Pure Python, no Django import.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from .batch import FileResult

SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


class FactsOutError(ValueError):
    pass


def facts_format(path: str | os.PathLike[str]) -> str:
    """``"jsonl"`` or ``"parquet"`` by the file's extension; ``FactsOutError`` otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise FactsOutError(
            f"{path}: unknown facts-out format {suffix or '(no extension)'!r}; "
            "use .jsonl, .ndjson or .parquet"
        )
    return SUFFIXES[suffix]


def open_facts_writer(
    path: str | os.PathLike[str], **options: Any
) -> JsonlFactsWriter | ParquetFactsWriter:
    if facts_format(path) == "jsonl":
        return JsonlFactsWriter(path)
    return ParquetFactsWriter(path, **options)


def output_exists(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` (or the parts of an unfinished Parquet run) is there already."""
    path = Path(path)
    return path.exists() or _parts_dir(path).exists()


class JsonlFactsWriter:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._existing = self._repair_and_scan()
        self._handle = open(self.path, "a", encoding="utf-8", newline="\n")  # noqa: SIM115
        self.written = 0

    def _repair_and_scan(self) -> set[str]:
        hashes: set[str] = set()
        if not self.path.exists():
            return hashes
        keep = 0
        with open(self.path, "rb+") as handle:
            offset = 0
            for raw in handle:
                offset += len(raw)
                if not raw.endswith(b"\n"):
                    break  # torn last line
                keep = offset
                try:
                    facts = json.loads(raw)
                    hashes.add(facts["source"]["sha256"])
                except (ValueError, KeyError, TypeError):
                    continue
            if handle.seek(0, os.SEEK_END) != keep:
                handle.truncate(keep)
        return hashes

    def existing_hashes(self) -> set[str]:
        return set(self._existing)

    def write(self, result: FileResult) -> None:
        if result.facts is None:
            return
        self._handle.write(json.dumps(result.facts, ensure_ascii=False) + "\n")
        self._handle.flush()
        self.written += 1

    def commit(self) -> None:
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def close(self) -> None:
        if not self._handle.closed:
            self.commit()
            self._handle.close()

    def __enter__(self) -> JsonlFactsWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- Parquet -----------------------------------------------------------------------------


def _parts_dir(path: Path) -> Path:
    return path.with_name(path.name + ".parts")


def parquet_schema() -> Any:
    import pyarrow as pa

    indicator = pa.struct(
        [
            ("name", pa.string()),
            ("value", pa.float64()),
            ("unit", pa.string()),
            ("qualifier", pa.string()),
            ("pct_of_plan", pa.float64()),
            ("yoy_pct", pa.float64()),
            ("period", pa.string()),
            ("span_start", pa.int64()),
            ("span_end", pa.int64()),
        ]
    )
    return pa.schema(
        [
            ("path", pa.string()),
            ("sha256", pa.string()),
            ("title", pa.string()),
            ("kind", pa.string()),
            ("chars", pa.int64()),
            ("genre", pa.string()),
            ("event_date", pa.string()),
            ("event_kind", pa.string()),
            ("indicators", pa.list_(indicator)),
            ("facts", pa.string()),
        ]
    )


def _float(value: Any) -> float | None:
    try:
        return None if value is None or isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        return None


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _span(item: dict[str, Any]) -> tuple[int | None, int | None]:
    span = item.get("span")
    if isinstance(span, (list, tuple)) and len(span) == 2:
        try:
            return int(span[0]), int(span[1])
        except (TypeError, ValueError):
            pass
    return None, None


def facts_row(result: FileResult) -> dict[str, Any]:
    """The Parquet row of one result."""
    facts = result.facts or {}
    source = facts.get("source") or {}
    indicators = []
    for item in facts.get("indicators") or []:
        if not isinstance(item, dict):
            continue
        start, end = _span(item)
        indicators.append(
            {
                "name": _str(item.get("name")),
                "value": _float(item.get("value")),
                "unit": _str(item.get("unit")),
                "qualifier": _str(item.get("qualifier")),
                "pct_of_plan": _float(item.get("pct_of_plan")),
                "yoy_pct": _float(item.get("yoy_pct")),
                "period": _str(item.get("period")),
                "span_start": start,
                "span_end": end,
            }
        )
    return {
        "path": _str(source.get("path") or result.path),
        "sha256": _str(source.get("sha256") or result.sha256),
        "title": _str(facts.get("title") or result.title),
        "kind": _str(result.kind or source.get("kind")),
        "chars": int(source.get("chars") or result.chars or 0),
        "genre": _str(facts.get("genre")),
        "event_date": _str(facts.get("event_date")),
        "event_kind": _str(facts.get("event_kind")),
        "indicators": indicators,
        "facts": json.dumps(facts, ensure_ascii=False),
    }


class ParquetFactsWriter:
    def __init__(self, path: str | os.PathLike[str], row_group_size: int = 1000) -> None:
        import pyarrow.parquet as pq

        self.path = Path(path)
        self.parts = _parts_dir(self.path)
        self.row_group_size = max(1, row_group_size)
        self.schema = parquet_schema()
        self._rows: list[dict[str, Any]] = []
        self._existing: set[str] = set()
        self.written = 0
        self.parts.mkdir(parents=True, exist_ok=True)
        for leftover in self.parts.glob("*.tmp"):
            leftover.unlink()
        if self.path.exists():  # a finished earlier run: its rows become the first part
            first = self.parts / "000000.parquet"
            if first.exists():
                raise FactsOutError(f"{self.path}: both the file and {first} exist; remove one")
            os.replace(self.path, first)
        self._next = 1
        for part in sorted(self.parts.glob("*.parquet")):
            try:
                column = pq.read_table(part, columns=["sha256"]).column("sha256")
            except Exception as exc:
                raise FactsOutError(f"{part}: unreadable part of an earlier run: {exc}") from None
            self._existing.update(h for h in column.to_pylist() if h)
            with contextlib.suppress(ValueError):
                self._next = max(self._next, int(part.stem) + 1)

    def existing_hashes(self) -> set[str]:
        return set(self._existing)

    def write(self, result: FileResult) -> None:
        if result.facts is None:
            return
        self._rows.append(facts_row(result))
        self.written += 1
        if len(self._rows) >= self.row_group_size:
            self.commit()

    def commit(self) -> None:
        """Write the buffered rows as one part file (durable once this returns)."""
        if not self._rows:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(self._rows, schema=self.schema)
        final = self.parts / f"{self._next:06d}.parquet"
        temporary = final.with_suffix(".tmp")
        with open(temporary, "wb") as handle:
            pq.write_table(table, handle, compression="zstd")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, final)
        self._next += 1
        self._rows.clear()

    def close(self) -> None:
        """Commit, then merge the parts into ``path`` (row group by row group)."""
        import pyarrow.parquet as pq

        if not self.parts.exists():
            return
        self.commit()
        temporary = self.path.with_name(self.path.name + ".tmp")
        with pq.ParquetWriter(temporary, self.schema, compression="zstd") as writer:
            for part in sorted(self.parts.glob("*.parquet")):
                source = pq.ParquetFile(part)
                for index in range(source.num_row_groups):
                    writer.write_table(source.read_row_group(index).cast(self.schema))
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)
        shutil.rmtree(self.parts)

    def __enter__(self) -> ParquetFactsWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
