"""``chidao extract FILE... [--json] [--publication-date YYYY-MM-DD]``; ``-`` reads standard input.

With ``--json`` one ``chidao.facts/1`` object per line, in input order.  Without it, a short
summary per file.  A file that cannot be read gets one line on standard error naming it and the
reason; the other files are still processed and the exit code is 1.  A bad option exits with 2.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import date
from typing import IO, Any, Protocol

from .textio import InputError, decode


class _Writer(Protocol):
    def write(self, s: str, /) -> object: ...


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


class _Parser(argparse.ArgumentParser):
    def __init__(self, stderr: IO[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._stderr = stderr

    def _print_message(self, message: str, file: _Writer | None = None) -> None:
        if message:
            target: _Writer = self._stderr if file is None or file is sys.stderr else file
            target.write(message)

    def exit(self, status: int = 0, message: str | None = None) -> Any:
        if message:
            self._stderr.write(message)
        raise _Exit(status)


class _Exit(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def build_parser(stderr: IO[str]) -> argparse.ArgumentParser:
    parser = _Parser(
        stderr,
        prog="chidao extract",
        description="Extract facts (chidao.facts/1) from Vietnamese report or news texts.",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="text files; '-' for standard input"
    )
    parser.add_argument(
        "--json", action="store_true", help="one JSON object per line, in input order"
    )
    parser.add_argument(
        "--publication-date",
        type=_parse_date,
        metavar="YYYY-MM-DD",
        help="the date the texts were published (resolves dates without a year)",
    )
    return parser


def _read(name: str, stdin: IO[bytes] | None) -> bytes:
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read()
    with open(name, "rb") as handle:
        return handle.read()


def vn_number(value: float) -> str:
    """1234.5 -> "1.234,5" (the way the reports write numbers)."""
    text = f"{value:,.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def summary(facts: dict[str, Any]) -> str:
    """A few human-readable lines for one text."""
    src = facts["source"]
    lines = [f"{src['path']}: {facts.get('title') or '(no title)'}"]
    lines.append(
        f"  genre {facts['genre']}, event {facts.get('event_kind') or '-'} on {facts.get('event_date') or 'unknown date'}"
    )
    people = facts.get("people") or []
    if people:
        lines.append("  people: " + "; ".join(p["name"] for p in people))
    for ind in facts.get("indicators") or []:
        parts = [ind["name"]]
        if ind.get("value") is not None:
            unit = ind.get("unit") or ""
            sep = "" if unit == "%" else " "
            figure = f"{vn_number(ind['value'])}{sep}{unit}".strip()
            parts.append(f"{ind['qualifier']} {figure}" if ind.get("qualifier") else figure)
        elif ind.get("qualifier"):
            parts.append(ind["qualifier"])
        if ind.get("pct_of_plan") is not None:
            parts.append(f"{vn_number(ind['pct_of_plan'])}% of plan")
        if ind.get("yoy_pct") is not None:
            sign = "+" if ind["yoy_pct"] >= 0 else "-"
            parts.append(f"{sign}{vn_number(abs(ind['yoy_pct']))}% year on year")
        if ind.get("period"):
            parts.append(f"({ind['period']})")
        lines.append("  indicator: " + ", ".join(parts))
    counts = {
        key: len(facts.get(key) or [])
        for key in (
            "organizations",
            "document_refs",
            "documents_issued",
            "recommendations",
            "directions",
        )
    }
    lines.append("  " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items()))
    return "\n".join(lines)


def main_extract(
    argv: list[str],
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    stdin: IO[bytes] | None = None,
) -> int:
    """Run ``chidao extract``; returns the exit code (0 ok, 1 a file failed, 2 usage error)."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = build_parser(err)
    try:
        args = parser.parse_args(argv)
    except _Exit as exc:
        return exc.status
    from .pipeline import extract

    status = 0
    for name in args.files:
        display = "<stdin>" if name == "-" else name
        try:
            data = _read(name, stdin)
            text = decode(data, display)
        except InputError as exc:
            err.write(f"chidao extract: {exc}\n")
            status = 1
            continue
        except OSError as exc:
            err.write(f"chidao extract: {display}: {exc.strerror or exc}\n")
            status = 1
            continue
        try:
            facts = extract(
                text,
                publication_date=args.publication_date,
                path=display,
                sha256=hashlib.sha256(data).hexdigest(),
            )
        except Exception as exc:  # one text must never stop the others
            err.write(
                f"chidao extract: {display}: extraction failed: {type(exc).__name__}: {exc}\n"
            )
            status = 1
            continue
        if args.json:
            out.write(json.dumps(facts, ensure_ascii=False) + "\n")
        else:
            out.write(summary(facts) + "\n")
        out.flush()
    return status


def main(argv: list[str] | None = None) -> int:
    return main_extract(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    raise SystemExit(main())
