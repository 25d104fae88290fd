"""The ingestion journal: an append-only JSON Lines record of the files a run has finished.

One line per finished file::

    {"target": "facts-out:/abs/out.jsonl", "path": "/abs/a.txt", "size": 6120,
     "mtime_ns": 1700000000000000000, "sha256": "…", "status": "ok", "at": "2026-…Z"}

``status`` is ``ok`` (a new text delivered to the writer), ``duplicate`` (content already
there) or ``error`` (refused; ``error`` holds the reason). A line is written only after the
writer has made the file's facts durable (``batch.run_batch`` commits the writer, then
journals), and each batch of lines is flushed and fsync'd before the run goes on. A run that
is killed and started again therefore skips the files whose path, size and modification time
match an ``ok`` or ``duplicate`` line of the same target, without reading them again; files
that failed are tried again. A torn last line (the run was killed while writing it) is
ignored and cut off before the next append.

The journal is an optimisation, never the source of truth: what is already in the output (the
hashes in the facts file, the Sources in the database) is skipped anyway, so deleting the
journal costs re-reading, not duplicates. A ``{"target": …, "status": "reset"}`` line forgets
the earlier lines of a target (written when its output was deleted).

Pure Python, no Django import.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DONE_STATUSES = frozenset({"ok", "duplicate"})

#: (absolute path, size in bytes, modification time in ns): a file as it was when finished.
FileKey = tuple[str, int, int]


def file_key(path: str | os.PathLike[str], stat: os.stat_result | None = None) -> FileKey:
    """The key of ``path`` as it is now (``OSError`` when it cannot be stat'ed)."""
    absolute = os.path.abspath(path)
    st = stat if stat is not None else os.stat(absolute)
    return (absolute, st.st_size, st.st_mtime_ns)


def default_journal_path() -> Path:
    """``$CHIDAO_DATA_DIR/ingest/journal.jsonl`` (the data folder defaults to ./chidao-data)."""
    return Path(os.environ.get("CHIDAO_DATA_DIR") or "chidao-data") / "ingest" / "journal.jsonl"


class Journal:
    """An append-only journal file; ``load`` it, then ``append`` lines."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._handle: Any = None
        self.torn_lines = 0  # unreadable lines met by the last ``load``

    # -- reading -------------------------------------------------------------------------

    def entries(self) -> list[dict[str, Any]]:
        """Every readable line in order; unreadable ones (a torn tail) are counted and skipped."""
        self.torn_lines = 0
        if not self.path.exists():
            return []
        out = []
        with open(self.path, "rb") as handle:
            for raw in handle:
                if not raw.strip():
                    continue
                try:
                    entry = json.loads(raw)
                except ValueError:
                    self.torn_lines += 1
                    continue
                if isinstance(entry, dict) and "target" in entry:
                    out.append(entry)
                else:
                    self.torn_lines += 1
        return out

    def finished(self, target: str) -> dict[str, dict[str, Any]]:
        """The last line for each path of ``target`` (since its last reset)."""
        last: dict[str, dict[str, Any]] = {}
        for entry in self.entries():
            if entry.get("target") != target:
                continue
            if entry.get("status") == "reset":
                last.clear()
            elif "path" in entry:
                last[entry["path"]] = entry
        return last

    def done_keys(self, target: str) -> set[FileKey]:
        """Keys of the files of ``target`` that need not be read again."""
        return {
            (e["path"], int(e["size"]), int(e["mtime_ns"]))
            for e in self.finished(target).values()
            if e.get("status") in DONE_STATUSES and e.get("size") is not None
        }

    # -- writing -------------------------------------------------------------------------

    def _open(self) -> Any:
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path, "ab+")  # noqa: SIM115 - kept open across appends
            size = handle.seek(0, os.SEEK_END)
            if size:
                handle.seek(size - 1)
                if handle.read(1) != b"\n":
                    # A torn last line: cut it at the last complete line.
                    handle.seek(0)
                    data = handle.read()
                    keep = data.rfind(b"\n") + 1
                    handle.truncate(keep)
                    handle.flush()
                    os.fsync(handle.fileno())
                handle.seek(0, os.SEEK_END)
            self._handle = handle
        return self._handle

    def append(self, entries: Iterable[dict[str, Any]]) -> int:
        """Write ``entries`` (one line each), flush and fsync; the number written."""
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        lines = [
            json.dumps({**e, "at": e.get("at", stamp)}, ensure_ascii=False, sort_keys=True) + "\n"
            for e in entries
        ]
        if not lines:
            return 0
        handle = self._open()
        handle.write("".join(lines).encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
        return len(lines)

    def reset(self, target: str) -> None:
        """Forget the earlier lines of ``target``."""
        self.append([{"target": target, "status": "reset"}])

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
