"""Batch extraction: read and extract many files in one process, N processes or on Dask.

Workers never touch the database: ``extract_file`` turns one path into a picklable
``FileResult`` (facts or an error), and the process that called ``run_batch`` is the single
writer: it receives every new text through ``on_result`` in completion order, commits the
writer every ``commit_every`` results, and only then records the finished files in the
journal (see ``journal.py``), so a run that is killed and started again skips what is done and
never delivers a text twice.

Pure Python, no Django import (the writer passed in may use Django; the workers never do).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TextIO

from .journal import FileKey, Journal, file_key
from .readers import DEFAULT_MAX_BYTES, ReadError, iter_paths, read_document

OK, DUPLICATE, ERROR = "ok", "duplicate", "error"


@dataclass
class FileResult:
    """What one worker made of one file (picklable; no Django object)."""

    path: str
    sha256: str | None = None
    title: str | None = None  # the document's own title (Word/PDF properties, HTML metadata)
    kind: str | None = None
    chars: int = 0
    facts: dict[str, Any] | None = None
    error: str | None = None  # one line: "<path>: <reason>"
    size: int | None = None
    mtime_ns: int | None = None
    status: str = OK  # "ok", "duplicate" (content already known) or "error"
    text: str | None = None  # only with keep_text=True (the database writer stores it)

    def journal_entry(self, target: str) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "target": target,
            "path": os.path.abspath(self.path),
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "sha256": self.sha256,
            "status": self.status,
        }
        if self.error:
            entry["error"] = self.error
        return entry


class Sink(Protocol):
    """The single writer (a facts file, or later the database)."""

    def existing_hashes(self) -> set[str]: ...  # content already loaded: skipped

    def write(self, result: FileResult) -> None: ...  # may buffer

    def commit(self) -> None: ...  # everything written so far is durable after this

    def close(self) -> None: ...


@dataclass
class BatchSummary:
    files: int = 0  # files found
    texts: int = 0  # new texts delivered to the writer
    errors: int = 0
    duplicates: int = 0  # files whose content was already known
    skipped: int = 0  # files the journal says are done (not read again)
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    mode: str = "inline"
    interrupted: bool = False

    @property
    def processed(self) -> int:
        return self.texts + self.errors + self.duplicates

    @property
    def rate(self) -> float:
        """Files processed per second (texts, duplicates and failures alike)."""
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        return (
            f"{self.files} files, {self.texts} texts, {self.errors} errors, "
            f"{self.duplicates} duplicates skipped, {self.skipped} already done, "
            f"{self.seconds:.1f} s, {self.rate:.1f} texts/s ({self.mode})"
        )


# --- the worker side ---------------------------------------------------------------------

_WORKER_SKIP: frozenset[str] = frozenset()


def _init_worker(skip_hashes: frozenset[str]) -> None:
    global _WORKER_SKIP
    _WORKER_SKIP = skip_hashes


def extract_file(
    path_str: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    publication_date: date | None = None,
    skip_hashes: frozenset[str] | set[str] | None = None,
    keep_text: bool = False,
) -> FileResult:
    """Read and extract one file; never raises for a bad file (the error is in the result)."""
    result = FileResult(path=path_str)
    try:
        st = os.stat(path_str)
        result.size, result.mtime_ns = st.st_size, st.st_mtime_ns
    except OSError:
        pass
    try:
        read = read_document(path_str, max_bytes)
        result.sha256, result.title, result.kind = read.sha256, read.title, read.kind
        result.chars = len(read.text)
        if skip_hashes and read.sha256 in skip_hashes:
            result.status = DUPLICATE
            return result
        from chidao.extraction.pipeline import extract

        facts = extract(
            read.text, publication_date=publication_date, path=path_str, sha256=read.sha256
        )
        source = facts.setdefault("source", {})
        source.setdefault("kind", read.kind)
        source.setdefault("title", read.title)
        result.facts = facts
        if keep_text:
            result.text = read.text
    except ReadError as exc:
        result.status, result.error = ERROR, str(exc)
    except Exception as exc:  # one file must never stop the run
        message = " ".join(str(exc).split())
        result.status = ERROR
        result.error = f"{path_str}: extraction failed: {type(exc).__name__}: {message}"
    return result


def _extract_chunk(
    paths: list[str],
    max_bytes: int,
    publication_date: date | None,
    skip_hashes: frozenset[str] | None = None,
    keep_text: bool = False,
) -> list[FileResult]:
    skip = _WORKER_SKIP if skip_hashes is None else skip_hashes
    return [extract_file(p, max_bytes, publication_date, skip, keep_text) for p in paths]


# --- the coordinator side ----------------------------------------------------------------


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _chunk_size(n: int, workers: int, chunk_size: int | None) -> int:
    if chunk_size:
        return max(1, chunk_size)
    return max(1, min(32, math.ceil(n / (workers * 8)) if n else 1))


def _died(path: str, how: str) -> FileResult:
    result = FileResult(path=path, status=ERROR, error=f"{path}: {how}")
    try:
        st = os.stat(path)
        result.size, result.mtime_ns = st.st_size, st.st_mtime_ns
    except OSError:
        pass
    return result


ChunkFunction = Callable[..., list[FileResult]]


def _run_inline(
    todo: list[str], args: tuple, skip: frozenset[str], work: ChunkFunction
) -> Iterator[FileResult]:
    max_bytes, publication_date, keep_text = args
    for path in todo:
        yield from work([path], max_bytes, publication_date, skip, keep_text)


def _run_processes(
    todo: list[str],
    args: tuple,
    skip: frozenset[str],
    jobs: int,
    chunk_size: int | None,
    work: ChunkFunction,
) -> Iterator[FileResult]:
    """Chunks on a process pool, at most 4 per worker outstanding, results as they complete.

    A worker that dies (a crash in a parser, the out-of-memory killer) breaks the pool: the
    files of every chunk then in flight are read again one at a time in a fresh pool, so the
    file that kills a worker is reported as failed and the others are done.
    """
    max_bytes, publication_date, keep_text = args
    chunks = _chunks(todo, _chunk_size(len(todo), jobs, chunk_size))
    window = 4 * jobs
    context = multiprocessing.get_context("spawn")  # no inherited state (threads, sockets)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(skip,)
        )

    executor = new_pool()
    pending: dict[Any, list[str]] = {}
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    future = executor.submit(
                        work, chunk, max_bytes, publication_date, None, keep_text
                    )
                    pending[future] = chunk
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            suspects: list[str] = []
            for future in done:
                chunk = pending.pop(future)
                try:
                    results = future.result()
                except BrokenProcessPool:
                    suspects.extend(chunk)
                    continue
                yield from results
            if not suspects:
                continue
            for chunk in pending.values():
                suspects.extend(chunk)
            pending.clear()
            executor.shutdown(wait=False, cancel_futures=True)
            executor = new_pool()
            for path in sorted(suspects):  # one at a time: the culprit is the one that fails
                future = executor.submit(work, [path], max_bytes, publication_date, None, keep_text)
                try:
                    yield from future.result()
                except BrokenProcessPool:
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = new_pool()
                    yield _died(
                        path, "the worker process died while reading it (crash or out of memory)"
                    )
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _run_dask(
    todo: list[str],
    args: tuple,
    skip: frozenset[str],
    jobs: int,
    chunk_size: int | None,
    scheduler: str | None,
    cluster: str | None,
    work: ChunkFunction,
) -> Iterator[FileResult]:
    """Chunks on Dask, at most 4 per worker outstanding, results as they complete.

    A chunk whose task fails (Dask gives up on a task that killed its workers three times)
    is split: each of its files is tried as a task of its own, and a file whose task fails
    again is reported with the reason.
    """
    import logging

    from dask.distributed import Client, LocalCluster, as_completed

    max_bytes, publication_date, keep_text = args
    local = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        local = LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            host="127.0.0.1",
            silence_logs=logging.ERROR,
        )
        client = Client(local)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        chunks = _chunks(todo, _chunk_size(len(todo), workers, chunk_size))
        skip_arg: Any = client.scatter([skip], broadcast=True)[0] if skip else frozenset()
        chunk_of: dict[Any, list[str]] = {}
        singles: set[Any] = set()

        def submit(chunk: list[str], single: bool = False) -> Any:
            future = client.submit(
                work, chunk, max_bytes, publication_date, skip_arg, keep_text, pure=False
            )
            chunk_of[future] = chunk
            if single:
                singles.add(future)
            return future

        first = []
        for chunk in chunks:
            first.append(submit(chunk))
            if len(first) >= 4 * workers:
                break
        queue = as_completed(first)
        for future in queue:
            chunk = chunk_of.pop(future)
            single = future in singles
            singles.discard(future)
            try:
                results = future.result()
            except Exception as exc:
                future.release()
                if single or len(chunk) == 1:
                    if type(exc).__name__ == "KilledWorker":
                        how = "the worker process died while reading it (crash or out of memory)"
                    else:
                        reason = " ".join(str(exc).split())
                        how = f"the worker failed: {type(exc).__name__}: {reason}"
                    yield _died(chunk[0], how)
                else:
                    for path in chunk:
                        queue.add(submit([path], single=True))
                continue
            future.release()
            for next_chunk in chunks:
                queue.add(submit(next_chunk))
                break
            yield from results
    finally:
        client.close()
        if local is not None:
            local.close()


def run_batch(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    cluster: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    publication_date: date | None = None,
    skip_hashes: Iterable[str] = (),
    skip_paths: set[FileKey] | None = None,
    on_result: Callable[[FileResult], Any] | None = None,
    commit: Callable[[], Any] | None = None,
    commit_every: int = 200,
    commit_seconds: float = 5.0,
    journal: Journal | None = None,
    journal_target: str = "default",
    keep_text: bool = False,
    chunk_size: int | None = None,
    extract_chunk: ChunkFunction | None = None,
    progress: bool = True,
    stderr: TextIO | None = None,
) -> BatchSummary:
    """Extract every file under ``paths``; deliver each new text to ``on_result``.

    - ``jobs=1`` runs in this process; ``jobs>1`` in that many local processes;
      ``scheduler="tcp://host:port"`` on an existing Dask cluster (the paths must be readable
      by its workers, and chidao installed there); ``cluster="local"`` on a local Dask cluster
      of ``jobs`` single-threaded worker processes, listening on the loopback only.
    - ``on_result(result)`` is called in this process, once per new text (status ``ok``), in
      completion order; texts whose hash is in ``skip_hashes`` or was already seen in this run
      are counted as duplicates and not delivered.
    - ``commit()`` (the writer's durability point) is called every ``commit_every`` results or
      ``commit_seconds`` seconds and at the end, also when the run is interrupted; then the
      finished files are appended to ``journal`` under ``journal_target``.
    - Files whose key (path, size, mtime) is in ``skip_paths`` — by default the journal's done
      files of ``journal_target`` — are not read again.
    - A progress bar (files done, rate, errors) goes to ``stderr`` when it is a terminal.
    - ``extract_chunk(paths, max_bytes, publication_date, skip_hashes, keep_text)`` replaces
      the worker function (a module-level, picklable function returning ``FileResult``s).
    """
    stderr = stderr if stderr is not None else sys.stderr
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if cluster not in (None, "local"):
        raise ValueError(f"unknown cluster {cluster!r}; only 'local' is supported")
    started = time.monotonic()
    summary = BatchSummary()
    if scheduler:
        summary.mode = f"dask {scheduler}"
    elif cluster:
        summary.mode = f"dask local cluster, {jobs} workers"
    elif jobs > 1:
        summary.mode = f"{jobs} processes"

    if skip_paths is None:
        skip_paths = journal.done_keys(journal_target) if journal is not None else set()
    todo: list[str] = []
    for path in iter_paths(paths):
        summary.files += 1
        path_str = str(path)
        if skip_paths:
            try:
                if file_key(path_str) in skip_paths:
                    summary.skipped += 1
                    continue
            except OSError:
                pass  # reported by the worker
        todo.append(path_str)

    seen = set(skip_hashes)
    skip = frozenset(seen)
    args = (max_bytes, publication_date, keep_text)
    work = extract_chunk or _extract_chunk
    if scheduler or cluster:
        results = _run_dask(todo, args, skip, jobs, chunk_size, scheduler, cluster, work)
    elif jobs > 1 and len(todo) > 1:
        results = _run_processes(todo, args, skip, jobs, chunk_size, work)
    else:
        results = _run_inline(todo, args, skip, work)

    bar = _progress_bar(len(todo), progress, stderr)
    unjournaled: list[dict[str, Any]] = []
    last_commit = time.monotonic()

    def do_commit() -> None:
        nonlocal last_commit
        if commit is not None:
            commit()
        if journal is not None and unjournaled:
            journal.append(unjournaled)
        unjournaled.clear()
        last_commit = time.monotonic()

    try:
        for result in results:
            if result.status == OK and result.sha256 in seen:
                result.status, result.facts, result.text = DUPLICATE, None, None
            if result.status == ERROR:
                summary.errors += 1
                summary.failures.append((result.path, result.error or "failed"))
                if bar is not None:
                    bar.set_postfix(errors=summary.errors, refresh=False)
            elif result.status == DUPLICATE:
                summary.duplicates += 1
            else:
                if on_result is not None:
                    on_result(result)
                seen.add(result.sha256)  # type: ignore[arg-type]
                summary.texts += 1
            unjournaled.append(result.journal_entry(journal_target))
            if bar is not None:
                bar.update(1)
            if len(unjournaled) >= commit_every or time.monotonic() - last_commit >= commit_seconds:
                do_commit()
    except BaseException:
        summary.interrupted = True
        try:
            do_commit()  # what was delivered before the interruption is kept
        except Exception as exc:  # the original exception matters more
            print(f"ingest: could not commit after interruption: {exc}", file=stderr)
        raise
    else:
        do_commit()
    finally:
        if hasattr(results, "close"):
            results.close()  # stops the workers when interrupted
        if bar is not None:
            bar.close()
        summary.seconds = time.monotonic() - started
    return summary


def _progress_bar(total: int, progress: bool, stderr: TextIO) -> Any:
    if not progress:
        return None
    try:
        if not stderr.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="file", file=stderr, dynamic_ncols=True, smoothing=0.05)
    bar.set_postfix(errors=0, refresh=False)
    return bar
