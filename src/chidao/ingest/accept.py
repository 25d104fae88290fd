"""Accepting a reviewed fact: the domain service it calls, and the provenance link back.

One function per kind of fact (``ACCEPTERS``), each calling only the domain services:

- ``indicator`` → the indicator (found by name, else ``do_create_indicator``) and
  ``do_record_observation`` for the report's body (an observation already recorded for
  the same period is linked instead of recorded twice);
- ``documents_issued``, ``task_counts`` → nothing but a note (the counts stay in the fact);
- ``document_ref`` → ``find_document_by_number``, else ``do_create_document``;
- ``recommendation`` → ``do_receive_recommendation`` (raised by the report's body);
- ``direction`` → ``meetings.do_add_direction`` on the report's meeting;
- ``people`` → the person (found by name, else ``do_create_person``) and
  ``do_assign_position`` for each position not yet held;
- ``organization`` → a link to the recorded body of that name, if any;
- ``event`` → the meeting: ``do_create_meeting`` (or the one already recorded that day).

``do_accept_fact`` runs the accepter, links every record it returns to the fact
(``do_link_provenance``) and marks the fact accepted (or "edited" when the reviewer
changed its data); ``do_reject_fact`` marks it rejected. Both are audited.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from chidao.core.access import require
from chidao.core.errors import InvalidTransition, ServiceError
from chidao.core.search import fold
from chidao.core.services import locked, save_changes
from chidao.ingest.models import Fact, FactKind, FactStatus, Provenance
from chidao.ingest.services import do_link_provenance


@dataclass
class ReviewContext:
    """What the text is about, chosen on the review screen."""

    body: Any = None  # the body the report is about (Huyện ủy Cao Lộc)
    meeting: Any = None  # the meeting it reports, if recorded
    addressed_to: Any = None  # where its recommendations go (default: the body's parent)
    on: dt.date | None = None  # the report's date (default: event date, publication date)


# --------------------------------------------------------------------------- helpers


def _need_body(context: ReviewContext):
    if context.body is None:
        raise ServiceError("Cần chọn cơ quan mà văn bản báo cáo về.", field="body")
    return context.body


def _event_date(fact: Fact) -> dt.date | None:
    event = fact.source.facts.filter(kind=FactKind.EVENT).first()
    raw = (event.data or {}).get("event_date") if event else None
    if raw and len(raw) == 10:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            return None
    return None


def _report_date(fact: Fact, context: ReviewContext) -> dt.date:
    return context.on or _event_date(fact) or fact.source.publication_date or timezone.localdate()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value).replace(",", ".")) if not isinstance(value, Decimal) else value


_YEAR = re.compile(r"\b(19[4-9]\d|2[01]\d\d)\b")
_MONTH = re.compile(r"tháng\s+(\d{1,2})(?:\s*/\s*(\d{4}))?")
_QUARTER = re.compile(r"quý\s+([1-4IV]+)", re.IGNORECASE)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def parse_period(label: str, default_year: int) -> dict[str, Any]:
    """The period of an indicator as written ("đến trung tuần tháng 8/2021", "6 tháng đầu
    năm 2017", "năm 2020", "quý II") → period kind, year, number and end."""
    text = (label or "").strip()
    low = text.lower()
    year_match = _YEAR.search(low)
    year = int(year_match.group(1)) if year_match else default_year
    result: dict[str, Any] = {
        "period_label": text,
        "year": year,
        "period_number": None,
        "period_end": None,
    }
    for words, kind, months in (
        ("6 tháng", "six_months", 6),
        ("sáu tháng", "six_months", 6),
        ("8 tháng", "eight_months", 8),
        ("9 tháng", "nine_months", 9),
        ("chín tháng", "nine_months", 9),
    ):
        if words in low and "đến" not in low.split(words)[0][-6:]:
            result["period_kind"] = kind
            result["period_end"] = _month_end(year, months)
            return result
    if "đến" in low or "lũy kế" in low or "tính đến" in low:
        result["period_kind"] = "to_date"
        month = _MONTH.search(low)
        if month:
            number = int(month.group(1))
            result["period_number"] = number
            if "trung tuần" in low:
                result["period_end"] = dt.date(year, number, 15)
            elif "thượng tuần" in low:
                result["period_end"] = dt.date(year, number, 10)
            else:
                result["period_end"] = _month_end(year, number)
        return result
    quarter = _QUARTER.search(text)
    if quarter:
        value = quarter.group(1).upper()
        number = int(value) if value.isdigit() else _ROMAN.get(value, 1)
        result.update(
            period_kind="quarter", period_number=number, period_end=_month_end(year, number * 3)
        )
        return result
    month = _MONTH.search(low)
    if month and "năm" not in low.split("tháng")[0]:
        number = int(month.group(1))
        if 1 <= number <= 12:
            result.update(
                period_kind="month", period_number=number, period_end=_month_end(year, number)
            )
            return result
    result["period_kind"] = "year"
    result["period_end"] = dt.date(year, 12, 31)
    return result


def _month_end(year: int, month: int) -> dt.date:
    month = max(1, min(12, month))
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def find_by_folded_name(model, name: str, field: str = "name"):
    folded = fold(name)
    if not folded:
        return None
    if hasattr(model, "name_folded"):
        found = (
            model.objects.filter(name_folded=folded)
            .order_by("valid_to" if hasattr(model, "valid_to") else "pk")
            .first()
        )
        if found is not None:
            return found
    for candidate in model.objects.all().only("pk", field):
        if fold(getattr(candidate, field)) == folded:
            return candidate
    return None


def _matched(model, data: dict):
    """The record the bulk writer matched the fact to (``data["match"]``, see ``matching``)."""
    match = data.get("match") or {}
    if match.get("id") and match.get("model") == model._meta.model_name:
        return model.objects.filter(pk=match["id"]).first()
    return None


# --------------------------------------------------------------------------- accepters


def _accept_indicator(actor, fact: Fact, data: dict, context: ReviewContext) -> list[tuple]:
    from chidao.indicators.models import Indicator, Observation
    from chidao.indicators.services import do_create_indicator, do_record_observation

    body = _need_body(context)
    name = (data.get("name") or "").strip()
    if not name:
        raise ServiceError("Chỉ tiêu chưa có tên.", field="name")
    indicator = find_by_folded_name(Indicator, name)
    records: list[tuple] = []
    if indicator is None:
        code = slugify(fold(name)).replace("-", "_")[:60] or "chi_tieu"
        base, n = code, 2
        while Indicator.objects.filter(code=code).exists():
            code = f"{base}_{n}"
            n += 1
        indicator = do_create_indicator(
            actor, code=code, name=name[:1].upper() + name[1:], unit=data.get("unit") or ""
        )
        records.append((indicator, None))
    period = parse_period(data.get("period") or "", _report_date(fact, context).year)
    existing = next(
        (
            o
            for o in Observation.objects.filter(
                indicator=indicator,
                body=body,
                period_kind=period["period_kind"],
                year=period["year"],
            )
            if (period["period_end"] and o.period_end == period["period_end"])
            or (period["period_label"] and fold(o.period_label) == fold(period["period_label"]))
        ),
        None,
    )
    if existing is not None:
        records.append((existing, "value"))
        return records
    observation = do_record_observation(
        actor,
        indicator,
        body=body,
        value=_decimal(data.get("value")),
        unit=data.get("unit") or indicator.unit,
        qualifier=data.get("qualifier") or "",
        stated_pct_of_plan=_decimal(data.get("pct_of_plan")),
        stated_yoy_pct=_decimal(data.get("yoy_pct")),
        note="Nhập từ văn bản nguồn",
        **period,
    )
    records.append((observation, "value"))
    return records


def _accept_note(actor, fact: Fact, data: dict, context: ReviewContext) -> list[tuple]:
    return []


def _accept_document_ref(actor, fact: Fact, data: dict, context: ReviewContext) -> list[tuple]:
    from chidao.documents.models import Document
    from chidao.documents.services import do_create_document, find_document_by_number
    from chidao.orgs.models import Organization

    raw = (data.get("raw") or "").strip()
    number, symbol = data.get("number"), data.get("symbol")
    if not number or not symbol:
        raise ServiceError(f"“{raw}” không có số, ký hiệu: chưa ghi được thành văn bản.")
    written = f"{number}-{symbol}" if "-" not in symbol and "/" in symbol else raw
    document = _matched(Document, data)
    for candidate in (written, raw) if document is None else ():
        try:
            document = find_document_by_number(candidate, on=_report_date(fact, context))
        except ServiceError:
            continue
        if document is not None:
            break
    if document is not None:
        return [(document, "number")]
    issuer_symbol = data.get("issuer") or symbol.split("/")[-1].split("-")[0]
    issuer = (
        Organization.objects.filter(pk=data["issuer_id"]).first()
        if data.get("issuer_id")
        else Organization.objects.filter(symbol=issuer_symbol).order_by("valid_to", "pk").first()
    )
    if issuer is None:
        raise ServiceError(
            f"Chưa có cơ quan có ký hiệu {issuer_symbol} để ghi văn bản {raw}.", field="issuer"
        )
    fields: dict[str, Any] = {"issuer": issuer, "raw_number": written}
    if data.get("type"):
        fields["doc_type"] = data["type"]
    if data.get("excerpt"):
        fields["excerpt"] = data["excerpt"]
    document = do_create_document(actor, **fields)
    return [(document, "number")]


def _accept_recommendation(actor, fact: Fact, data: dict, context: ReviewContext) -> list[tuple]:
    from chidao.recommendations.models import Recommendation
    from chidao.recommendations.services import do_receive_recommendation

    body = _need_body(context)
    text = (data.get("text") or "").strip()
    if not text:
        raise ServiceError("Kiến nghị chưa có nội dung.", field="text")
    text = text[:1].upper() + text[1:]
    addressed_to = context.addressed_to or body.parent or body
    same = Recommendation.objects.filter(raised_by=body, meeting=context.meeting)
    for rec in same:
        if fold(rec.text) == fold(text):
            return [(rec, "text")]
    rec = do_receive_recommendation(
        actor,
        text=text,
        raised_by=body,
        addressed_to=addressed_to,
        received_on=_report_date(fact, context),
        meeting=context.meeting,
    )
    return [(rec, "text")]


def _accept_direction(actor, fact: Fact, data: dict, context: ReviewContext) -> list[tuple]:
    from chidao.meetings.services import do_add_direction
    from chidao.orgs.models import Person

    if context.meeting is None:
        raise ServiceError(
            "Cần có hội nghị, buổi làm việc để ghi ý kiến chỉ đạo: hãy chấp nhận dữ liệu "
            "“Sự kiện” hoặc chọn hội nghị trước.",
            field="meeting",
        )
    text = (data.get("text") or "").strip()
    if not text:
        raise ServiceError("Ý kiến chỉ đạo chưa có nội dung.", field="text")
    for direction in context.meeting.directions.all():
        if fold(direction.text) == fold(text):
            return [(direction, "text")]
    given_by = find_by_folded_name(Person, data.get("by") or "", "full_name")
    direction = do_add_direction(
        actor,
        context.meeting,
        text=text[:1].upper() + text[1:],
        given_by=given_by,
        addressed_to=context.body,
    )
    return [(direction, "text")]


def _accept_person(actor, fact: Fact, data: dict, context: ReviewContext) -> list[tuple]:
    from chidao.orgs.models import Person
    from chidao.orgs.services import do_assign_position, do_create_person

    name = (data.get("name") or "").strip()
    if not name:
        raise ServiceError("Chưa có họ và tên.", field="name")
    person = _matched(Person, data) or find_by_folded_name(Person, name, "full_name")
    records: list[tuple] = []
    if person is None:
        person = do_create_person(actor, full_name=name)
    records.append((person, "full_name"))
    held = {fold(p.title) for p in person.positions.all()}
    for title in data.get("positions") or []:
        if title and fold(title) not in held:
            position = do_assign_position(actor, person, title=title)
            held.add(fold(title))
            records.append((position, "title"))
    return records


def _accept_organization(actor, fact: Fact, data: dict, context: ReviewContext) -> list[tuple]:
    from chidao.orgs.models import Organization

    org = _matched(Organization, data) or find_by_folded_name(Organization, data.get("name") or "")
    return [(org, "name")] if org is not None else []


def _accept_event(actor, fact: Fact, data: dict, context: ReviewContext) -> list[tuple]:
    from chidao.meetings.models import Meeting, MeetingKind
    from chidao.meetings.services import do_create_meeting

    body = _need_body(context)
    raw = data.get("event_date") or ""
    try:
        held_on = dt.date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        held_on = None
    if held_on is None:
        raise ServiceError(
            "Chưa rõ ngày diễn ra sự kiện (cần dạng yyyy-mm-dd).", field="event_date"
        )
    kind = data.get("event_kind") or MeetingKind.OTHER
    if kind not in MeetingKind.values:
        kind = MeetingKind.OTHER
    existing = Meeting.objects.filter(host=body, held_on=held_on).first()
    if existing is not None:
        return [(existing, "held_on")]
    title = (data.get("title") or fact.source.title or "Hội nghị").strip()[:500]
    meeting = do_create_meeting(actor, kind=kind, title=title, held_on=held_on, host=body)
    return [(meeting, "held_on")]


ACCEPTERS = {
    FactKind.INDICATOR: _accept_indicator,
    FactKind.DOCUMENTS_ISSUED: _accept_note,
    FactKind.TASK_COUNTS: _accept_note,
    FactKind.DOCUMENT_REF: _accept_document_ref,
    FactKind.RECOMMENDATION: _accept_recommendation,
    FactKind.DIRECTION: _accept_direction,
    FactKind.PEOPLE: _accept_person,
    FactKind.ORGANIZATION: _accept_organization,
    FactKind.EVENT: _accept_event,
}


# --------------------------------------------------------------------------- services


def meeting_of_source(source):
    """The meeting recorded from this source's event fact, if any."""
    from django.contrib.contenttypes.models import ContentType

    from chidao.meetings.models import Meeting

    link = Provenance.objects.filter(
        fact__source=source,
        fact__kind=FactKind.EVENT,
        content_type=ContentType.objects.get_for_model(Meeting),
    ).first()
    return Meeting.objects.filter(pk=link.object_id).first() if link else None


@transaction.atomic
def do_accept_fact(
    actor, fact: Fact, *, context: ReviewContext | None = None, data: dict | None = None
) -> list[Model]:
    """Make the records of a fact through the domain services, link them, mark it accepted.

    ``data`` replaces the fact's data (the reviewer edited it): the fact is then "edited".
    Returns the records linked. A refusal (ServiceError) leaves nothing written.
    """
    require(actor, "source.review")
    row = locked(Fact, fact.pk)
    if row.status != FactStatus.PROPOSED:
        raise InvalidTransition(
            f"Dữ liệu đang ở trạng thái '{row.get_status_display()}', không chấp nhận được nữa."
        )
    context = context or ReviewContext()
    if context.meeting is None and row.kind == FactKind.DIRECTION:
        context.meeting = meeting_of_source(row.source)
    edited = data is not None and data != row.data
    values = dict(data if data is not None else row.data)
    accepter = ACCEPTERS.get(row.kind, _accept_note)
    records = accepter(actor, row, values, context)
    changes: dict[str, Any] = {
        "status": FactStatus.EDITED if edited else FactStatus.ACCEPTED,
        "decided_by": actor,
        "decided_at": timezone.now(),
    }
    if edited:
        changes["data"] = values
    note = (
        "; ".join(f"{type(r).__name__} #{r.pk}" for r, _ in records)
        or "Ghi nhận, không tạo bản ghi"
    )
    save_changes(actor, "fact.accept", row, changes, note=note)
    for record, field in records:
        do_link_provenance(actor, row, record, field)
    return [r for r, _ in records]


@transaction.atomic
def do_reject_fact(actor, fact: Fact, *, reason: str = "") -> Fact:
    require(actor, "source.review")
    row = locked(Fact, fact.pk)
    if row.status != FactStatus.PROPOSED:
        raise InvalidTransition(
            f"Dữ liệu đang ở trạng thái '{row.get_status_display()}', không loại được."
        )
    return save_changes(
        actor,
        "fact.reject",
        row,
        {"status": FactStatus.REJECTED, "decided_by": actor, "decided_at": timezone.now()},
        note=reason,
    )
