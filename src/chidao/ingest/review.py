"""The review queue as services for scripts and the command line (``chidao review``).

Each ``Fact`` with status "proposed" is a proposal; the bulk writer annotated it with the
record it matches (``data["match"]``, see ``matching``), and the source's ``event`` fact is
the meeting proposal (kind, date, bodies and people named, the body it is about).

- ``do_accept_fact(actor, fact, edits=...)`` applies the reviewer's field edits, makes or
  links the records through ``accept`` (the domain services), links each to the fact's span
  and marks the fact accepted ("edited" when changed): one transaction, audited; a refusal
  writes nothing.
- ``do_reject_fact`` keeps the decision: the source's hash is registered, so a re-ingest of
  the same text records no facts and proposes nothing again.
- ``do_accept_source`` accepts every remaining proposal of a source, the meeting first.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction

from chidao.core.access import require
from chidao.core.errors import ServiceError
from chidao.ingest import accept
from chidao.ingest.matching import Matcher, event_date
from chidao.ingest.models import Fact, FactKind, FactStatus, Source

# Order in which a whole source is accepted: the meeting before its directions, people and
# bodies before what refers to them.
ACCEPT_ORDER = [
    FactKind.EVENT,
    FactKind.ORGANIZATION,
    FactKind.PEOPLE,
    FactKind.DOCUMENT_REF,
    FactKind.INDICATOR,
    FactKind.DOCUMENTS_ISSUED,
    FactKind.TASK_COUNTS,
    FactKind.RECOMMENDATION,
    FactKind.DIRECTION,
]


def parse_value(raw: str) -> Any:
    """A value given on the command line: JSON when it parses (numbers, null, lists), else
    the text itself."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def apply_edits(fact: Fact, edits: dict[str, Any] | None) -> dict[str, Any] | None:
    """The fact's data with the reviewer's edits, the match recomputed when a name or number
    changed; None when nothing changes."""
    if not edits:
        return None
    edits = dict(edits)
    if "match" in edits and not isinstance(edits["match"], dict | type(None)):
        edits["match"] = chosen_match(fact, edits["match"])
    data = dict(fact.data or {})
    data.update(edits)
    if data == fact.data:
        return None
    if "match" not in edits and set(edits) & {"name", "positions", "number", "symbol", "raw"}:
        matcher = Matcher()
        on = event_date(_event_data(fact.source).get("event_date"))
        if fact.kind == FactKind.ORGANIZATION:
            data["match"] = matcher.organization(data.get("name") or "", on).annotation()
        elif fact.kind == FactKind.PEOPLE:
            positions = data.get("positions") or []
            data["match"] = matcher.person(data.get("name") or "", positions, on).annotation()
        elif fact.kind == FactKind.DOCUMENT_REF:
            data["match"] = matcher.document(data, on).annotation()
    return data


def chosen_match(fact: Fact, record_id: Any) -> dict[str, Any]:
    """``match=12`` on the command line: the reviewer picks the record to link to."""
    from chidao.documents.models import Document
    from chidao.ingest.matching import Match
    from chidao.orgs.models import Organization, Person

    model = {
        FactKind.ORGANIZATION: Organization,
        FactKind.EVENT: Organization,
        FactKind.PEOPLE: Person,
        FactKind.DOCUMENT_REF: Document,
    }.get(fact.kind)
    if model is None:
        raise ServiceError(f"Dữ liệu loại {fact.kind} không liên kết với bản ghi có sẵn.")
    try:
        record = model.objects.filter(pk=int(record_id)).first()
    except (TypeError, ValueError):
        record = None
    if record is None:
        raise ServiceError(f"Không có {model._meta.verbose_name} mã {record_id}.", field="match")
    return Match(record, "người duyệt chọn").annotation()


def _event_data(source: Source) -> dict[str, Any]:
    event = source.facts.filter(kind=FactKind.EVENT).first()
    return (event.data or {}) if event is not None else {}


def context_for(source: Source, *, body=None, meeting=None) -> accept.ReviewContext:
    """What the source is about: the given body, else the body the writer matched for its
    meeting proposal, else the first body named in it that is in the registry."""
    from chidao.orgs.models import Organization

    if body is None:
        match = _event_data(source).get("match") or {}
        if match.get("id"):
            body = Organization.objects.filter(pk=match["id"]).first()
    if body is None:
        for fact in source.facts.filter(kind=FactKind.ORGANIZATION).order_by("span_start", "id"):
            match = (fact.data or {}).get("match") or {}
            body = Organization.objects.filter(pk=match["id"]).first() if match.get("id") else None
            if body is None:
                body = accept.find_by_folded_name(Organization, (fact.data or {}).get("name") or "")
            if body is not None:
                break
    return accept.ReviewContext(body=body, meeting=meeting or accept.meeting_of_source(source))


@transaction.atomic
def do_accept_fact(actor, fact: Fact, *, edits: dict[str, Any] | None = None, body=None):
    """Accept one proposal (after ``edits`` to its fields): the records are made or linked
    through the domain services, each linked back to the fact's span. Returns the records.
    Everything or nothing is written."""
    require(actor, "source.review")
    fact = Fact.objects.select_related("source").get(pk=fact.pk)
    data = apply_edits(fact, edits)
    match = (data if data is not None else fact.data or {}).get("match") or {}
    if fact.kind == FactKind.PEOPLE and match.get("ambiguous") and not match.get("id"):
        raise ServiceError(
            f"{match.get('reason') or 'Nhiều người trùng họ tên'} "
            "(chọn người bằng match=MÃ_CÁN_BỘ).",
            field="match",
        )
    if body is None and fact.kind == FactKind.EVENT and data is not None:
        from chidao.orgs.models import Organization

        chosen = (data.get("match") or {}).get("id")
        body = Organization.objects.filter(pk=chosen).first() if chosen else None
    context = context_for(fact.source, body=body)
    records = accept.do_accept_fact(actor, fact, context=context, data=data)
    if fact.kind == FactKind.EVENT:
        _complete_meeting(actor, fact, records)
    elif fact.kind == FactKind.PEOPLE:  # a participant of the source's meeting
        meeting = accept.meeting_of_source(fact.source)
        person = next((r for r in records if r._meta.model_name == "person"), None)
        if meeting is not None and person is not None:
            fact.refresh_from_db()
            _add_participant(actor, meeting, fact, person)
    return records


def _add_participant(actor, meeting, fact: Fact, person) -> None:
    from chidao.ingest.services import do_link_provenance
    from chidao.meetings.models import Participant
    from chidao.meetings.services import do_add_participant

    if Participant.objects.filter(meeting=meeting, person=person).exists():
        return
    title = ", ".join(t for t in (fact.data or {}).get("positions") or [] if t)[:300]
    participant = do_add_participant(actor, meeting, person=person, title_at_meeting=title)
    do_link_provenance(actor, fact, participant, "person")


def _complete_meeting(actor, event: Fact, records) -> None:
    """The meeting proposal brings its bodies and people: the other bodies of the registry
    named in the text become visiting bodies, the people already accepted participants."""
    from django.contrib.contenttypes.models import ContentType

    from chidao.ingest.models import Provenance
    from chidao.meetings.models import Meeting
    from chidao.meetings.services import do_update_meeting
    from chidao.orgs.models import Organization, Person

    meeting = next((r for r in records if isinstance(r, Meeting)), None)
    if meeting is None:
        return
    ids = {
        ((f.data or {}).get("match") or {}).get("id")
        for f in event.source.facts.filter(kind=FactKind.ORGANIZATION).exclude(
            status=FactStatus.REJECTED
        )
    } - {None, meeting.host_id}
    current = set(meeting.visiting_bodies.values_list("pk", flat=True))
    if ids - current:
        bodies = list(Organization.objects.filter(pk__in=ids | current))
        try:
            with transaction.atomic():
                do_update_meeting(actor, meeting, visiting_bodies=bodies)
        except ServiceError:  # a body the meeting cannot list: the reviewer adds it by hand
            pass
    person_type = ContentType.objects.get_for_model(Person)
    for link in Provenance.objects.filter(
        fact__source=event.source, fact__kind=FactKind.PEOPLE, content_type=person_type
    ).select_related("fact"):
        person = Person.objects.filter(pk=link.object_id).first()
        if person is not None:
            _add_participant(actor, meeting, link.fact, person)


def do_reject_fact(actor, fact: Fact, *, reason: str = "") -> Fact:
    """Reject a proposal; the decision is kept (and audited with the reason)."""
    return accept.do_reject_fact(actor, fact, reason=reason)


@transaction.atomic
def do_accept_source(actor, source: Source, *, body=None) -> dict[str, Any]:
    """Accept every remaining proposal of ``source``, the meeting first. A proposal that is
    refused (no number on a document, no date on the meeting ...) stays proposed and is
    listed in ``refused`` with the reason; the others are accepted."""
    require(actor, "source.review")
    order = {kind: index for index, kind in enumerate(ACCEPT_ORDER)}
    facts = sorted(
        source.facts.filter(status=FactStatus.PROPOSED),
        key=lambda f: (order.get(f.kind, len(order)), f.span_start or 0, f.pk),
    )
    accepted, refused, records = [], [], 0
    for fact in facts:
        try:
            with transaction.atomic():
                records += len(do_accept_fact(actor, fact, body=body))
        except ServiceError as error:
            refused.append((fact, str(error)))
        else:
            accepted.append(fact)
    return {"accepted": accepted, "refused": refused, "records": records}
