"""Loads the demo records (``cao_loc.yaml``) through the service functions, once.

Everything is written as the acting user, through the same services as the screens, so the
demo's audit log reads like an office's. A second run finds the records and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from importlib import resources
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from chidao.documents import services as documents
from chidao.documents.models import Document
from chidao.indicators import services as indicators
from chidao.meetings import services as meetings
from chidao.meetings.models import Meeting
from chidao.orgs import services as orgs
from chidao.orgs.models import Organization, Person
from chidao.recommendations import services as recommendations
from chidao.tasks import services as tasks


def load_spec() -> dict[str, Any]:
    text = resources.files("chidao.demo").joinpath("cao_loc.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@transaction.atomic
def load_demo_dataset(actor, spec: dict[str, Any] | None = None) -> bool:
    """Load the demo records unless they are there; True when they were loaded now."""
    spec = spec or load_spec()
    marker = spec["meetings"][-1]["title"]
    if Meeting.objects.filter(title=marker).exists():
        return False
    people = _load_people(actor, spec["people"])
    external = _load_external_documents(actor, spec["external_documents"])
    _load_issued_documents(actor, spec["issued_2021"])
    _load_task_groups(actor, spec["task_groups"])
    for item in spec["meetings"]:
        _load_meeting(actor, item, people, external)
    for item in spec["indicators"]:
        _load_indicator(actor, item)
    # Work recorded here for the district after it ended on 30/6/2025 passes to its heir.
    for body in Organization.objects.filter(valid_to__isnull=False, succession_to__isnull=False):
        if body.succession_to.filter(receives_open_work=True).exists():
            orgs.do_transfer_open_work(actor, body)
    tasks.do_refresh_statuses(actor)
    return True


def load_all(actor) -> bool:
    """Document types, reference bodies, then the demo records (what tests and benches use)."""
    from chidao.documents.services import load_document_types
    from chidao.orgs.refload import load_reference_data

    load_document_types(actor)
    if not Organization.objects.filter(name="Huyện ủy Cao Lộc").exists():
        load_reference_data(actor)
    return load_demo_dataset(actor)


def _load_people(actor, items) -> dict[str, Person]:
    people = {}
    for item in items:
        person = Person.objects.filter(full_name=item["name"]).first()
        if person is None:
            person = orgs.do_create_person(actor, full_name=item["name"])
            for position in item["positions"]:
                orgs.do_assign_position(
                    actor,
                    person,
                    title=position["title"],
                    organization=_org(position["org"]) if position.get("org") else None,
                )
        people[item["name"]] = person
    return people


def _load_external_documents(actor, items) -> dict[str, Document]:
    found = {}
    for item in items:
        document = documents.find_document_by_number(item["number"])
        if document is None:
            document = documents.do_create_document(
                actor,
                raw_number=item["number"],
                issuer=_org(item["issuer"]),
                issued_on=item["issued_on"],
                excerpt=item["excerpt"],
            )
        found[item["number"]] = document
    return found


def _load_issued_documents(actor, spec) -> None:
    """The documents a body issued in a period: numbers reserved in order, dates spread out."""
    issuer = _org(spec["issuer"])
    first, last = spec["from"], spec["to"]
    total = sum(spec["counts"].values())
    span_days = (last - first).days
    topics = itertools.cycle(spec["topics"])
    # Spread each type evenly over the period, the way an office's register fills up.
    kinds = [
        kind
        for _, kind in sorted(
            ((i + 0.5) / count, kind)
            for kind, count in spec["counts"].items()
            for i in range(count)
        )
    ]
    for index, kind in enumerate(kinds):
        on = first + dt.timedelta(days=span_days * index // max(total - 1, 1))
        number = documents.do_reserve_number(actor, issuer=issuer, doc_type=kind, on=on)
        documents.do_create_document(
            actor,
            raw_number=number,
            doc_type=kind,
            issuer=issuer,
            issued_on=on,
            excerpt=f"{kind} về {next(topics)}",
        )


def _record_progress(actor, task, updates) -> None:
    for day, progress in updates:
        update = tasks.do_submit_progress(actor, task, progress=progress, submitted_at=_at(day))
        tasks.do_accept_progress(actor, update, today=day)
        task.refresh_from_db()


def _load_task_groups(actor, spec) -> None:
    owner = _org(spec["owner"])
    approving = _org(spec["approved_by"])
    for order, group_spec in enumerate(spec["groups"], start=1):
        group = tasks.do_create_task_group(
            actor,
            name=group_spec["name"],
            owner=owner,
            year=spec["year"],
            approving_body=approving,
            order=order,
        )
        for item in group_spec["tasks"]:
            task = tasks.do_create_task(
                actor,
                title=item["title"],
                lead_unit=owner,
                group=group,
                deadline=item["deadline"],
                approving_body=approving,
                started_on=spec["started_on"],
                today=spec["started_on"],
            )
            _record_progress(actor, task, item["updates"])


def _load_meeting(actor, item, people, external) -> None:
    host = _org(item["host"])
    meeting = meetings.do_create_meeting(
        actor,
        kind=item["kind"],
        title=item["title"],
        held_on=item["held_on"],
        host=host,
        chair=people.get(item.get("chair")),
        visiting_bodies=[_org(name) for name in item.get("visiting", [])],
        documents_presented=[external[number] for number in item.get("presented", [])],
    )
    for participant in item.get("participants", []):
        meetings.do_add_participant(
            actor,
            meeting,
            person=people[participant["person"]],
            title_at_meeting=participant["title"],
            role=participant["role"],
        )
    conclusion = item.get("conclusion")
    if conclusion:
        issuer = _org(conclusion["issuer"])
        number = documents.do_reserve_number(
            actor, issuer=issuer, doc_type=conclusion["type"], on=conclusion["issued_on"]
        )
        document = documents.do_create_document(
            actor,
            raw_number=number,
            doc_type=conclusion["type"],
            issuer=issuer,
            issued_on=conclusion["issued_on"],
            excerpt=conclusion["excerpt"],
        )
        meetings.do_set_conclusion(actor, meeting, document)
    for order, direction_spec in enumerate(item.get("directions", []), start=1):
        direction = meetings.do_add_direction(
            actor,
            meeting,
            text=direction_spec["text"],
            given_by=people.get(direction_spec.get("by")),
            addressed_to=_org(direction_spec["to"]) if direction_spec.get("to") else host,
            deadline=direction_spec.get("deadline"),
            order=order,
        )
        task_spec = direction_spec.get("task")
        if task_spec:
            task = tasks.do_create_task_from_direction(
                actor, direction, title=task_spec["title"], today=item["held_on"]
            )
            _record_progress(actor, task, task_spec["updates"])
    for rec_spec in item.get("recommendations", []):
        _load_recommendation(actor, rec_spec, meeting, host)


def _load_recommendation(actor, spec, meeting, raised_by) -> None:
    addressed_to = next(iter(meeting.visiting_bodies.all()))
    office = _org("Văn phòng Tỉnh ủy Lạng Sơn")
    received_on = meeting.held_on
    rec = recommendations.do_receive_recommendation(
        actor,
        text=spec["text"],
        raised_by=raised_by,
        addressed_to=addressed_to,
        received_on=received_on,
        meeting=meeting,
    )
    compiled_on = received_on + dt.timedelta(days=5)
    recommendations.do_compile_recommendation(actor, rec, by_body=office, at=compiled_on)
    recommendations.do_forward_recommendation(
        actor,
        rec,
        sectors=[_org(name) for name in spec["to"]],
        due_on=spec["due"],
        by_body=office,
        at=compiled_on + dt.timedelta(days=2),
    )
    answer = spec.get("answer")
    if answer:
        recommendations.do_answer_recommendation(
            actor,
            rec,
            text=answer["text"],
            from_body=_org(answer["from"]),
            answered_on=answer["date"],
        )
    if spec.get("outcome") == "resolved":
        recommendations.do_resolve_recommendation(actor, rec, on=answer["date"])


def _load_indicator(actor, spec) -> None:
    indicator = indicators.do_create_indicator(
        actor, code=_code(spec["name"]), name=spec["name"], unit=spec["unit"]
    )
    body = _org(spec["body"])
    for target in spec.get("targets", []):
        indicators.do_set_target(
            actor,
            indicator,
            body=body,
            year=target["year"],
            value=target["value"],
            kind=target["kind"],
        )
    for item in spec["observations"]:
        indicators.do_record_observation(
            actor,
            indicator,
            body=body,
            period_kind=item["period"],
            year=item["year"],
            period_end=item.get("period_end"),
            period_label=item.get("label", ""),
            value=item.get("value"),
            qualifier=item.get("qualifier", ""),
            stated_pct_of_plan=item.get("stated_pct_of_plan"),
            stated_yoy_pct=item.get("stated_yoy_pct"),
        )


def _code(name: str) -> str:
    from chidao.orgs.models import fold_name

    return fold_name(name).replace(" ", "-")
