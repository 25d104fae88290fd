"""Dates and periods: absolute dates, day/month resolved with a year, reporting periods.

- ``find_dates(doc)``: every date mention (``19/8/2021``, ``ngày 19 tháng 8 năm 2021``, ``(20/6)``).
- ``find_periods(doc, start, end)``: reporting periods (``6 tháng đầu năm 2017``,
  ``đến trung tuần tháng 8/2021``, ``quý I/2022``, ``năm 2021``, ``8 tháng năm 2021``).
- ``context_year(doc)``: the year the text is about, from the body (never the machine clock).
- ``event_date(doc)``: the day of the event (``YYYY-MM-DD``), ``YYYY-MM`` or ``None``.

The page dateline ("Thứ bảy, 24/10/2020") is recognised and never taken as the event date; its
year is used only when the body names no year at all.  Vocabulary: ``data/dates.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .doc import Doc, Sentence
from .resources import load_yaml

_YEAR_MIN = 1945
_YEAR_MAX = 2100


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # normalised offsets
    end: int
    day: int | None
    month: int
    year: int | None
    cued: bool  # preceded by an event cue ("Chiều", "Sáng nay", "Ngày")
    document_date: bool  # the date of a cited document ("số 12/QĐ-UBND ngày 3/4/2021")
    last_day: int | None = None  # the last day of a range of days ("14 và 15/12" -> 15)


@dataclass(frozen=True, slots=True)
class Period:
    start: int  # normalised offsets of the phrase
    end: int
    text: str
    year: int | None


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _Patterns:
    def __init__(self) -> None:
        data: dict[str, Any] = load_yaml("dates.yaml")
        self.data = data
        count_words = _alt(list(data["month_count_words"]))
        quarters = _alt([str(q).lower() for q in data["quarters"]])
        parts = _alt(data["month_parts"])
        self.quarters: dict[str, int] = {
            str(k).upper(): int(v) for k, v in data["quarters"].items()
        }
        self.count_words: dict[str, int] = dict(data["month_count_words"])
        year = r"(?:\s*/\s*(?P<{0}>\d{{4}})|\s+năm\s+(?P<{1}>\d{{4}}))"
        self.dates = re.compile(
            r"(?P<words>ngày\s+(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})(?:\s+năm\s+(?P<wy>\d{4}))?)"
            # A range of days: "12-13/12/2022", "12 và 13/12/2022": the event starts on the first.
            r"|(?<![\d/.,-])(?P<rd0>\d{1,2})\s*(?:-|và|,|đến)\s*(?:ngày\s+)?(?P<rd>\d{1,2})\s?/\s?(?P<rm>\d{1,2})"
            r"(?:\s?/\s?(?P<ry>\d{4}))?(?![\d/]|[.,]\d)"
            r"|(?<![\d/.,-])(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})"
            r"(?:\s?[/.-]\s?(?P<y>\d{4}))?(?![\d/]|[.,]\d|-\d|\s?-\s?[A-ZĐ])",
            re.IGNORECASE,
        )
        self.periods = re.compile(
            r"(?=[\dtđlmhbnscqvg])(?<!\w)(?:tính\s+)?(?P<p>"
            r"(?:(?:lũy kế\s+)?đến\s+(?:hết\s+)?)?"
            r"(?:"
            # "6 tháng đầu năm 2017", "8 tháng năm 2021", "9 tháng" (not "6 tháng 8": a date)
            r"(?P<n>\d{1,2}|"
            + count_words
            + r")\s+tháng(?:\s+(?:(?:đầu|cuối)\s+)?năm(?:\s+(?P<ny>\d{4}))?|(?:\s+(?:vừa\s+)?qua)?(?!\s+\d))"
            r"|(?P<nq>\d|hai|ba)\s+quý\s+(?:đầu\s+)?năm(?:\s+(?P<nqy>\d{4}))?"
            r"|(?P<ng>(?:từ\s+)?ngày\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*(?P<ngy>\d{4}))?(?:\s+(?:đến|tới)\s+nay)?)"
            r"|vụ\s+(?:" + _alt(data["seasons"]) + r")" + year.format("sy1", "sy2") + "?"
            r"|(?:(?:"
            + parts
            + r")\s+)?tháng\s+(?P<mo>\d{1,2})(?![\d/]\d*/)"
            + year.format("my1", "my2")
            + "?"
            r"|quý\s+(?P<q>" + quarters + r")\b" + year.format("qy1", "qy2") + "?"
            r"|(?:từ\s+)?đầu\s+năm(?:\s+(?P<dy>\d{4}))?\s+(?:đến|tới)\s+"
            r"(?:nay|(?:hết\s+)?ngày\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
            r"|(?:hết\s+)?tháng\s+\d{1,2}(?:\s*/\s*\d{4})?)"
            r"|(?:từ\s+)?đầu\s+nhiệm\s+kỳ\s+(?:đến|tới)\s+nay"
            r"|từ\s+năm\s+\d{4}\s+(?:đến|tới)\s+(?:nay|(?:hết\s+)?tháng\s+\d{1,2}\s*/\s*\d{4}"
            r"|năm\s+\d{4})"
            r"|cuối\s+năm(?![\s/]*\d)"
            r"|(?:giai đoạn|nhiệm kỳ)\s+(?P<gy>\d{4})\s*-\s*\d{4}"
            r"|(?:(?:đầu|giữa|cuối)\s+)?năm\s+(?P<y>\d{4})"
            r"))(?![\w/])",
            # matched against the lower-cased text (``Doc.lower``): no IGNORECASE needed
        )
        self.cue = re.compile(
            r"(?:^|[\s(,;:\-\"'])(?:" + _alt(data["event_cues"]) + r")\s*\(?\s*$", re.IGNORECASE
        )
        # "đến ngày 31/10/2024", "từ ngày 1/7": the bound of a period, not the event.
        self.range_cue = re.compile(
            r"(?<!\w)(?:đến|từ|tới|hết|trước)\s+(?:hết\s+)?(?:ngày\s*)?$", re.I
        )
        self.doc_cue = re.compile(
            r"(?:\d+\s*[/-]\s*[A-ZĐ]|\b(?:"
            + _alt(data["document_date_cues"])
            + r"))[^.;\n]{0,25}$",
            re.IGNORECASE,
        )
        weekdays = _alt(data["weekdays"])
        self.dateline = re.compile(
            r"^\s*(?:(?:cập nhật|đăng ngày|ngày đăng|ngày cập nhật|thời gian|đăng lúc)\s*:?\s*)?"
            r"(?:\d{1,2}[:h]\d{2}\s*(?:[,|-]\s*)?)?(?:(?:"
            + weekdays
            + r")\s*,?\s*)?(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
            r"(?:\s*[,|-]?\s*\d{1,2}[:h]\d{2}(?:\s*(?:GMT|\(?GMT[^)]*\)?)?[+-]?\d*)?)?\s*[|,.]?\s*$",
            re.IGNORECASE,
        )
        self.non_context = re.compile(
            r"(?:" + _alt(data["non_context_year_cues"]) + r")\s*$", re.IGNORECASE
        )
        # A year inside a date or period ("năm 2021", "8/2021"); bare numbers do not count.
        self.year = re.compile(
            r"(?:(?<!\w)năm|(?<=\d)/)\s*((?:19|20)\d{2})(?![\d/])", re.IGNORECASE
        )


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    return _Patterns()


def _valid(day: int | None, month: int, year: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if year is not None and not _YEAR_MIN <= year <= _YEAR_MAX:
        return False
    if day is None:
        return True
    if not 1 <= day <= 31:
        return False
    try:
        date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def dateline_lines(doc: Doc) -> list[Sentence]:
    """Lines that are only a page dateline ("Thứ bảy, 24/10/2020", "20/06/2017 10:30")."""
    pat = patterns().dateline
    out = []
    for line in doc.lines:
        if line.end - line.start <= 60 and pat.match(doc.text, line.start, line.end):
            out.append(line)
    return out


def _in(spans: list[Sentence], pos: int) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def find_dates(doc: Doc, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date mentions in ``doc.text[start:end]`` (datelines excluded)."""
    p = patterns()
    text = doc.text
    end = len(text) if end is None else end
    skip = dateline_lines(doc)
    out: list[DateMention] = []
    for m in p.dates.finditer(text, start, end):
        if skip and _in(skip, m.start()):
            continue
        sep = "/"
        if m.group("words"):
            day, month = int(m.group("wd")), int(m.group("wm"))
            year = int(m.group("wy")) if m.group("wy") else None
        elif m.group("rd0"):
            day, month = int(m.group("rd0")), int(m.group("rm"))
            year = int(m.group("ry")) if m.group("ry") else None
            if not (_valid(int(m.group("rd")), month, year) and day < int(m.group("rd"))):
                continue
        else:
            day, month = int(m.group("d")), int(m.group("m"))
            year = int(m.group("y")) if m.group("y") else None
            sep = text[m.end("d") : m.start("m")].strip()
        if not _valid(day, month, year):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if m.group("rd0"):
            # "(từ ngày 6 - 8/12/2017)": a range of days is the event itself.
            cued = bool(p.cue.search(before)) or bool(re.search(r"từ\s+(?:ngày\s*)?$", before))
        else:
            cued = (bool(m.group("words")) or bool(p.cue.search(before))) and not (
                p.range_cue.search(before)
            )
        # "8.5" or "3-4" without a year is not a date, unless a time cue says it is ("Sáng 20-6").
        bare = not m.group("words") and not m.group("rd0") and year is None and sep != "/"
        if bare and not (sep == "-" and cued):
            continue
        document_date = bool(p.doc_cue.search(before))
        last = int(m.group("rd")) if m.group("rd0") else None
        out.append(DateMention(m.start(), m.end(), day, month, year, cued, document_date, last))
    return out


def find_periods(doc: Doc, start: int = 0, end: int | None = None) -> list[Period]:
    """Reporting periods in ``doc.text[start:end]``; comparison bases ("cùng kỳ năm 2020") excluded."""
    p = patterns()
    text = doc.text
    end = len(text) if end is None else end
    out: list[Period] = []
    for m in p.periods.finditer(doc.lower, start, end):
        s, e = m.span("p")
        before = text[max(0, s - 16) : s]
        if p.non_context.search(before):
            continue
        if m.group("mo") and not 1 <= int(m.group("mo")) <= 12:
            continue
        phrase = text[s:e].lower()
        if m.group("ng") and not phrase.startswith(("đến", "từ", "lũy kế")):
            continue  # a bare date is a date, not a period
        year_text = next(
            (
                m.group(g)
                for g in (
                    "ny",
                    "nqy",
                    "ngy",
                    "sy1",
                    "sy2",
                    "my1",
                    "my2",
                    "qy1",
                    "qy2",
                    "dy",
                    "gy",
                    "y",
                )
                if m.group(g)
            ),
            None,
        )
        year = int(year_text) if year_text else None
        if year is not None and not _YEAR_MIN <= year <= _YEAR_MAX:
            continue
        out.append(Period(s, e, text[s:e], year))
    return out


def body_years(doc: Doc) -> list[int]:
    """Years the body names in time expressions, comparison bases and targets excluded."""
    p = patterns()
    text = doc.text
    skip = dateline_lines(doc)
    years: list[int] = []
    for m in p.year.finditer(text):
        if skip and _in(skip, m.start()):
            continue
        y = int(m.group(1))
        if not _YEAR_MIN <= y <= _YEAR_MAX:
            continue
        ystart = m.start(1)
        before = text[max(0, ystart - 16) : ystart]
        if p.non_context.search(before):
            continue
        # "giai đoạn 2021-2025", "2021 - 2025": ranges are not the year of the text.
        after = text[m.end() : m.end() + 3]
        if re.match(r"\s*-\s*\d", after) or re.search(r"\d\s*-\s*$", before):
            continue
        years.append(y)
    return years


def dateline_year(doc: Doc) -> int | None:
    lines = dateline_lines(doc)
    if not lines:
        return None
    m = re.search(r"(\d{4})", doc.text[lines[0].start : lines[0].end])
    return int(m.group(1)) if m else None


def context_year(doc: Doc) -> int | None:
    """The year the text is about: the commonest year of the body's dates and periods.

    Ties go to the latest year.  Without any year in the body, the page dateline's year.
    Never the clock of the machine; ``None`` when the text gives no year.
    """
    years = body_years(doc)
    if years:
        counts = Counter(years)
        top = max(counts.values())
        return max(y for y, c in counts.items() if c == top)
    return dateline_year(doc)


def _resolve_year(doc: Doc, day: int | None, month: int) -> int | None:
    pub = doc.publication_date
    if pub is not None:
        year = pub.year
        try:
            candidate = date(year, month, day or 1)
        except ValueError:
            return year
        # A day/month well after the publication date belongs to the previous year.
        if candidate > pub + timedelta(days=31):
            return year - 1
        return year
    context = doc.context_year
    if context is None:
        return None
    # A conference in January or February that reviews year Y and sets the tasks of Y+1 takes
    # place in Y+1 ("Sáng 10/1, ... tổng kết năm 2023, triển khai nhiệm vụ năm 2024").
    if month <= 2 and context + 1 in body_years(doc):
        return context + 1
    return context


def _body_sentences(doc: Doc, limit: int) -> list[Sentence]:
    skip = dateline_lines(doc)
    out = [s for s in doc.sentences if not (skip and _in(skip, s.start))]
    return out[:limit]


_MONTH_EVENT = re.compile(
    r"(?:^|[\s(,;:\-\"'])(?:trong|vào|hồi)?\s*tháng\s+(\d{1,2})\s*(?:/\s*|\s+năm\s+)(\d{4})\s*,",
    re.IGNORECASE,
)


def _event_month(doc: Doc, lead: list[Sentence]) -> str | None:
    """ "Trong tháng 11/2024, Đoàn kiểm tra ..." at the head of the lead: only the month is known."""
    for s in lead:
        m = _MONTH_EVENT.search(doc.text, s.start, min(s.end, s.start + 60))
        if m and 1 <= int(m.group(1)) <= 12 and _YEAR_MIN <= int(m.group(2)) <= _YEAR_MAX:
            return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"
    return None


_CLOSING = re.compile(r"\bbế mạc\b", re.IGNORECASE)


def _closing_day(
    doc: Doc, rng: DateMention, mentions: list[DateMention], lead: list[Sentence]
) -> DateMention:
    """A session over several days ("Trong 2 ngày 14 và 15/12 ...") is dated by the act the
    article reports: a later day of the range whose sentence reports the closing ("Chiều 15/12,
    kỳ họp đã bế mạc") wins over the first day."""
    for m in mentions:
        if (
            m.start > rng.start
            and m.cued
            and m.last_day is None
            and m.month == rng.month
            and m.day is not None
            and rng.day is not None
            and rng.last_day is not None
            and rng.day < m.day <= rng.last_day
        ):
            sent = next((s for s in lead if s.start <= m.start < s.end), None)
            if sent is not None and _CLOSING.search(doc.text, sent.start, sent.end):
                year = m.year if m.year is not None else rng.year
                return DateMention(m.start, m.end, m.day, m.month, year, True, False)
    return rng


def event_date(doc: Doc) -> str | None:
    """The day the event took place, as ``YYYY-MM-DD``; ``YYYY-MM`` if only the month; else ``None``.

    Looks in the lead (the first sentences of the body) for a date right after a time cue
    ("Chiều 19/8/2021", "Sáng nay (20/6)"), then for the first full date that is not the date of
    a cited document.  A day/month gets its year from ``publication_date`` or, failing that, from
    the text (``context_year``).
    """
    lead = _body_sentences(doc, 6)
    if not lead:
        return None
    mentions = find_dates(doc, lead[0].start, lead[-1].end)
    mentions = [m for m in mentions if not m.document_date]
    choice = next((m for m in mentions if m.cued), None)
    if choice is None:
        month = _event_month(doc, lead[:2])
        if month is not None:
            return month
    if choice is None:
        early = _body_sentences(doc, 3)
        limit = early[-1].end if early else 0
        choice = next((m for m in mentions if m.year is not None and m.start < limit), None)
    if choice is not None and choice.last_day is not None:
        choice = _closing_day(doc, choice, mentions, lead)
    if choice is None:
        return None
    year = choice.year if choice.year is not None else _resolve_year(doc, choice.day, choice.month)
    if year is None:
        return None
    if choice.day is None:
        return f"{year:04d}-{choice.month:02d}"
    return f"{year:04d}-{choice.month:02d}-{choice.day:02d}"
