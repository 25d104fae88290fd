"""``chidao ingest PATH...``: read files and folders, extract facts in batch, hand them to one writer.

    chidao ingest PATH... [--jobs N] [--scheduler tcp://HOST:PORT] [--cluster local]
                          [--facts-out FILE.jsonl|FILE.parquet] [--max-bytes N]
                          [--publication-date YYYY-MM-DD] [--journal FILE] [--no-progress]

With ``--facts-out`` the facts go to a file (no database). Without it they go to the database
writer returned by ``database_writer()`` (``ingest/writer.py``, loaded only then, so the
extraction half stays free of Django).

Exit status: 0 when every file was read, 1 when any file failed (each is listed with its
reason; the others are still done), 2 for bad arguments. Pure Python up to the database
writer: this module imports no Django module.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from .batch import BatchSummary, FileResult, Sink, run_batch
from .facts_out import FactsOutError, facts_format, open_facts_writer, output_exists
from .journal import Journal, default_journal_path
from .readers import DEFAULT_MAX_BYTES

DATABASE_TARGET = "database"


class BulkLoader:
    """A ``batch.Sink`` around a bulk-loading function: ``load_results(results)``.

    ``write`` only buffers; ``commit`` hands the buffered ``FileResult``s (status ``ok``, with
    facts, title, kind and, in database mode, the text) to ``load_results`` in one call, which
    is expected to load them in one transaction; the journal records them only after it
    returns. ``existing_hashes`` are the content hashes already loaded (the Sources).
    """

    def __init__(
        self,
        load_results: Callable[[list[FileResult]], Any],
        existing_hashes: Iterable[str] = (),
    ) -> None:
        self.load_results = load_results
        self._existing = set(existing_hashes)
        self._buffer: list[FileResult] = []
        self.loaded = 0

    def existing_hashes(self) -> set[str]:
        return set(self._existing)

    def write(self, result: FileResult) -> None:
        self._buffer.append(result)

    def commit(self) -> None:
        if self._buffer:
            batch, self._buffer = self._buffer, []
            self.load_results(batch)
            self.loaded += len(batch)

    def close(self) -> None:
        self.commit()


def database_writer() -> Sink | None:
    """The writer that loads results into the database (``chidao.ingest.writer``: a
    ``BulkLoader`` around ``services.load_results`` acting as the system actor; Sources are
    the source of truth for "already ingested"). Imports Django only when called."""
    from chidao.ingest.writer import database_sink

    return database_sink()


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit code 2 through main_ingest, not SystemExit
        raise _UsageError(message)


_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: str) -> int:
    """``"20000000"``, ``"500k"``, ``"20M"``, ``"1GiB"`` -> bytes (binary multiples)."""
    match = _SIZE.match(value)
    if not match:
        raise argparse.ArgumentTypeError(f"invalid size {value!r} (examples: 5000000, 500k, 20M)")
    size = int(match.group(1)) * _UNITS[(match.group(2) or "")[:1].lower()]
    if size < 1:
        raise argparse.ArgumentTypeError("size must be positive")
    return size


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}; expected YYYY-MM-DD") from None


def _scheduler(value: str) -> str:
    if not re.match(r"^(tcp|tls)://[^\s/:]+:\d+/?$", value):
        raise argparse.ArgumentTypeError(
            f"invalid scheduler address {value!r}; expected tcp://HOST:PORT"
        )
    return value.rstrip("/")


def _default_max_bytes() -> int:
    raw = os.environ.get("CHIDAO_INGEST_MAX_BYTES")
    if raw:
        try:
            return parse_size(raw)
        except argparse.ArgumentTypeError:
            pass
    return DEFAULT_MAX_BYTES


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="chidao ingest",
        description="Read .txt, .docx, .pdf and saved .html files (folders recursively), "
        "extract their facts and load them, or write them with --facts-out.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files and folders")
    parser.add_argument(
        "--jobs",
        "-j",
        type=_positive_int,
        default=1,
        metavar="N",
        help="local worker processes (with --cluster local: Dask workers)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler",
        type=_scheduler,
        metavar="tcp://HOST:PORT",
        help="run the extraction on an existing Dask cluster",
    )
    where.add_argument(
        "--cluster", choices=["local"], help="start a local Dask cluster of --jobs workers"
    )
    parser.add_argument(
        "--facts-out",
        metavar="FILE",
        help="write the facts to FILE (.jsonl or .parquet) instead of the database",
    )
    parser.add_argument(
        "--max-bytes",
        type=parse_size,
        default=None,
        metavar="N",
        help=f"refuse files larger than N bytes (default {DEFAULT_MAX_BYTES}, "
        "or CHIDAO_INGEST_MAX_BYTES)",
    )
    parser.add_argument(
        "--publication-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="date the texts were published (resolves dates without a year)",
    )
    parser.add_argument(
        "--journal",
        metavar="FILE",
        help="checkpoint journal (default $CHIDAO_DATA_DIR/ingest/journal.jsonl)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def print_summary(summary: BatchSummary, stdout: TextIO, stderr: TextIO) -> None:
    print(f"ingest: {summary.line()}", file=stdout)
    if summary.failures:
        print(f"ingest: {len(summary.failures)} file(s) failed:", file=stderr)
        for _path, reason in summary.failures:
            print(f"  {reason}", file=stderr)


def main_ingest(
    argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
        if args.facts_out:
            facts_format(args.facts_out)
    except _UsageError as exc:
        print(parser.format_usage().rstrip(), file=stderr)
        print(f"chidao ingest: error: {exc}", file=stderr)
        return 2
    except FactsOutError as exc:
        print(f"chidao ingest: error: {exc}", file=stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        print(f"chidao ingest: error: no such file or folder: {', '.join(missing)}", file=stderr)
        return 2
    max_bytes = args.max_bytes or _default_max_bytes()

    sink: Any
    if args.facts_out:
        target = f"facts-out:{os.path.abspath(args.facts_out)}"
        fresh = not output_exists(args.facts_out)
        try:
            sink = open_facts_writer(args.facts_out)
        except (OSError, FactsOutError) as exc:
            print(f"chidao ingest: error: cannot write {args.facts_out}: {exc}", file=stderr)
            return 2
    else:
        target = DATABASE_TARGET
        fresh = False
        sink = database_writer()
        if sink is None:
            print("chidao ingest: no database writer available; use --facts-out FILE", file=stderr)
            return 2

    journal = Journal(Path(args.journal) if args.journal else default_journal_path())
    try:
        if fresh and journal.path.exists() and journal.finished(target):
            journal.reset(target)  # the output was deleted: start over
        if journal.torn_lines:
            print(
                f"ingest: ignored {journal.torn_lines} torn line(s) in {journal.path}", file=stderr
            )

        def deliver(result: FileResult) -> None:
            sink.write(result)

        summary = run_batch(
            args.paths,
            jobs=args.jobs,
            scheduler=args.scheduler,
            cluster=args.cluster,
            max_bytes=max_bytes,
            publication_date=args.publication_date,
            skip_hashes=sink.existing_hashes(),
            on_result=deliver,
            commit=sink.commit,
            journal=journal,
            journal_target=target,
            keep_text=target == DATABASE_TARGET,
            progress=not args.no_progress,
            stderr=stderr,
        )
    except KeyboardInterrupt:
        print("ingest: interrupted; run the same command again to finish the rest", file=stderr)
        return 130
    except OSError as exc:
        print(f"chidao ingest: error: {exc}", file=stderr)
        return 1
    finally:
        try:
            sink.close()
        finally:
            journal.close()
    print_summary(summary, stdout, stderr)
    return 1 if summary.errors else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point for ``chidao.cli`` (``"ingest": "chidao.ingest.command:main"``)."""
    return main_ingest(argv)


if __name__ == "__main__":
    sys.exit(main())
