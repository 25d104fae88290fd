"""The only writers of sources, facts and provenance links.

A text is registered once (by the SHA-256 of its UTF-8 bytes); the facts extracted
from it (a ``chidao.facts/1`` object, see the facts contract) are recorded with their
character spans; every record made from a fact gets a provenance link back to it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from chidao.core.access import require
from chidao.core.errors import ServiceError
from chidao.core.services import create_audited, locked, save_changes
from chidao.ingest.models import Fact, FactKind, FactStatus, Provenance, Source, SourceStatus
from chidao.ingest.readers import content_hash

FACTS_SCHEMA = "chidao.facts/1"

# List fields of the facts object and the kind of fact each item becomes.
_LIST_KINDS = {
    "people": FactKind.PEOPLE,
    "organizations": FactKind.ORGANIZATION,
    "document_refs": FactKind.DOCUMENT_REF,
    "documents_issued": FactKind.DOCUMENTS_ISSUED,
    "indicators": FactKind.INDICATOR,
    "recommendations": FactKind.RECOMMENDATION,
    "directions": FactKind.DIRECTION,
}
# Plain strings in a list (the gold files write organizations and recommendations so).
_STRING_KEY = {"organizations": "name", "recommendations": "text", "directions": "text"}
_EVENT_KEYS = ("title", "genre", "event_date", "event_kind", "authors")


def text_sha256(text: str) -> str:
    """The identity of a source: the hash of its canonical text (``readers.content_hash``:
    NFC, "\\n" line ends, no trailing blanks), so one text saved twice is one source."""
    return content_hash(text)


def source_hashes() -> set[str]:
    """Hashes of every source registered (what a batch run skips)."""
    return set(Source.objects.values_list("sha256", flat=True))


@transaction.atomic
def do_register_source(
    actor,
    *,
    text: str,
    title: str = "",
    name: str = "",
    publication_date: dt.date | None = None,
    fetched_at: dt.datetime | None = None,
) -> Source:
    """Register a text that was read; the same text again returns the existing source
    (nothing written)."""
    require(actor, "source.import")
    if not isinstance(text, str) or not text.strip():
        raise ServiceError("Nội dung văn bản nguồn trống.", field="text")
    if "\x00" in text:
        raise ServiceError("Nội dung văn bản nguồn không phải văn bản thuần.", field="text")
    if publication_date is not None and not isinstance(publication_date, dt.date):
        raise ServiceError("Ngày đăng không hợp lệ.", field="publication_date")
    digest = text_sha256(text)
    existing = Source.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    source = Source(
        sha256=digest,
        title=(title or "").strip()[:500],
        name=(name or "")[:500],
        publication_date=publication_date,
        text=text,
        chars=len(text),
        fetched_at=fetched_at or timezone.now(),
        status=SourceStatus.NEW,
    )
    return create_audited(actor, "source.register", source)


def _span(value: Any, limit: int, where: str) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise ServiceError(f"Vị trí của {where} không hợp lệ: {value!r}.")
    start, end = value
    if not 0 <= start <= end <= limit:
        raise ServiceError(
            f"Vị trí [{start}, {end}) của {where} nằm ngoài văn bản ({limit} ký tự)."
        )
    return start, end


def _item_span(item: dict[str, Any], limit: int, where: str) -> tuple[int | None, int | None]:
    if item.get("span") is not None:
        return _span(item["span"], limit, where)
    spans = item.get("spans") or []
    if not isinstance(spans, list):
        raise ServiceError(f"Vị trí của {where} không hợp lệ: {spans!r}.")
    checked = [_span(s, limit, where) for s in spans]
    return checked[0] if checked else (None, None)


def facts_from_object(source: Source, facts_json: dict[str, Any]) -> list[Fact]:
    """Unsaved facts for the items of one ``chidao.facts/1`` object; raises ServiceError."""
    if facts_json.get("schema") != FACTS_SCHEMA:
        raise ServiceError(
            f"Dữ liệu trích xuất phải theo định dạng {FACTS_SCHEMA} "
            f"(nhận được {facts_json.get('schema')!r})."
        )
    declared = facts_json.get("source") or {}
    limit = len(source.text)
    # The extractor hashes the text as read, the source its canonical form: either matches.
    if declared.get("sha256") and declared["sha256"] not in (
        source.sha256,
        hashlib.sha256(source.text.encode("utf-8", "surrogatepass")).hexdigest(),
    ):
        raise ServiceError("Dữ liệu trích xuất được lấy từ một văn bản khác (mã băm không khớp).")
    if declared.get("chars") not in (None, limit):
        raise ServiceError(
            f"Dữ liệu trích xuất được lấy từ một văn bản khác ({declared['chars']} ký tự, "
            f"nguồn có {limit} ký tự)."
        )
    facts: list[Fact] = []
    for key, kind in _LIST_KINDS.items():
        items = facts_json.get(key) or []
        if not isinstance(items, list):
            raise ServiceError(f"Trường {key} phải là một danh sách.")
        for index, item in enumerate(items):
            where = f"{key}[{index}]"
            if isinstance(item, str) and key in _STRING_KEY:
                item = {_STRING_KEY[key]: item}
            if not isinstance(item, dict):
                raise ServiceError(f"Mục {where} không hợp lệ.")
            start, end = _item_span(item, limit, where)
            facts.append(Fact(source=source, kind=kind, data=item, span_start=start, span_end=end))
    counts = facts_json.get("task_counts")
    if counts:
        if not isinstance(counts, dict):
            raise ServiceError("Trường task_counts không hợp lệ.")
        start, end = _item_span(counts, limit, "task_counts")
        facts.append(
            Fact(
                source=source,
                kind=FactKind.TASK_COUNTS,
                data=counts,
                span_start=start,
                span_end=end,
            )
        )
    if facts_json.get("event_date") or facts_json.get("event_kind"):
        event = {key: facts_json.get(key) for key in _EVENT_KEYS}
        facts.append(Fact(source=source, kind=FactKind.EVENT, data=event))
    return facts


@transaction.atomic
def do_record_facts(actor, source: Source, facts_json: dict[str, Any] | str) -> list[Fact]:
    """Record the facts of a ``chidao.facts/1`` object read from ``source``, as proposed.

    One audit entry on the source (status new → extracted, the counts in the note); the
    facts are inserted in bulk. Refused if the source already has facts.
    """
    require(actor, "source.import")
    return _record_facts(actor, source, facts_json)


def _record_facts(actor, source: Source, facts_json, matcher=None) -> list[Fact]:
    """``do_record_facts`` without the permission check; with a ``matcher`` (the bulk
    writer) every fact also gets its ``data["match"]`` annotation."""
    if isinstance(facts_json, str | bytes):
        try:
            facts_json = json.loads(facts_json)
        except ValueError as error:
            raise ServiceError(f"Dữ liệu trích xuất không phải JSON hợp lệ ({error}).") from error
    if not isinstance(facts_json, dict):
        raise ServiceError("Dữ liệu trích xuất phải là một đối tượng JSON.")
    row = locked(Source, source.pk)
    if row.facts.exists():
        raise ServiceError(f"Nguồn '{row}' đã có dữ liệu trích xuất.")
    facts = facts_from_object(row, facts_json)
    if matcher is not None:
        from chidao.ingest.matching import annotate_facts

        annotate_facts(facts, matcher)
    created = Fact.objects.bulk_create(facts)
    counts = Counter(f.kind for f in created)
    note = f"{len(created)} dữ liệu trích xuất" + (
        ": " + ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) if counts else ""
    )
    save_changes(actor, "source.record_facts", row, {"status": SourceStatus.EXTRACTED}, note=note)
    source.refresh_from_db()
    if not all(f.pk for f in created):  # backends that do not return ids from bulk inserts
        created = list(row.facts.order_by("id"))
    return created


@transaction.atomic
def do_link_provenance(
    actor, fact: Fact, instance: models.Model, field: str | None = None
) -> Provenance:
    """Link ``instance`` (or one ``field`` of it) to the fact it was made from. Idempotent."""
    require(actor, "source.review")
    if instance is None or getattr(instance, "pk", None) is None:
        raise ServiceError("Bản ghi cần được lưu trước khi ghi nguồn gốc.")
    if fact.status == FactStatus.REJECTED:
        raise ServiceError("Dữ liệu trích xuất này đã bị loại, không thể làm nguồn gốc.")
    if field is not None:
        names = {f.name for f in instance._meta.get_fields()}
        if field not in names:
            raise ServiceError(
                f"Bản ghi {instance._meta.verbose_name} không có trường '{field}'.",
                field="field",
            )
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    existing = Provenance.objects.filter(
        fact=fact, content_type=content_type, object_id=str(instance.pk), field=field
    ).first()
    if existing is not None:
        return existing
    link = Provenance(fact=fact, content_type=content_type, object_id=str(instance.pk), field=field)
    return create_audited(actor, "provenance.link", link)


def load_results(results, actor=None) -> dict[str, int]:
    """The one bulk writer of a batch run: load ``batch.FileResult``s (status ``ok``, with
    the text and the facts) in one transaction.

    For each text: a source already registered (same content hash) adds nothing
    (``existing``); otherwise the source is registered and its facts recorded with their
    spans, annotated with the records they match (``matching``). Written in bulk (sources,
    facts, audit entries: one insert each), with the audit entries the services write:
    "source.register" (the new source) and "source.record_facts" (its status new →
    extracted, the counts in the note). A facts object that is refused (bad spans, another
    text) leaves the source registered with status "failed" and the reason in the note
    (``errors``); a text that is not a text (empty, NUL bytes) is not registered
    (``errors``). Results without text (errors, duplicates) are ``skipped``. Returns the
    counts.
    """
    from chidao.core.actors import system_actor
    from chidao.core.audit import snapshot
    from chidao.core.models import AuditEntry
    from chidao.ingest.matching import Matcher, annotate_facts

    actor = actor or system_actor()
    require(actor, "source.import")
    counts = {"sources": 0, "facts": 0, "existing": 0, "skipped": 0, "errors": 0}
    usable = []
    for result in results:
        if getattr(result, "status", "ok") != "ok" or not getattr(result, "text", None):
            counts["skipped"] += 1
            continue
        usable.append((text_sha256(result.text), result))
    if not usable:
        return counts
    now = timezone.now()
    with transaction.atomic():
        known = set(
            Source.objects.filter(sha256__in={d for d, _ in usable}).values_list(
                "sha256", flat=True
            )
        )
        fresh: list[tuple[Source, dict[str, Any]]] = []
        for digest, result in usable:
            if digest in known:
                counts["existing"] += 1
                continue
            known.add(digest)
            text = result.text
            if not text.strip() or "\x00" in text:
                counts["errors"] += 1
                continue
            facts_json = result.facts or {}
            publication_date = None
            if isinstance(facts_json, dict) and facts_json.get("publication_date"):
                try:
                    publication_date = dt.date.fromisoformat(facts_json["publication_date"])
                except (TypeError, ValueError):
                    publication_date = None
            title = result.title or (facts_json or {}).get("title") or ""
            source = Source(
                sha256=digest,
                title=str(title).strip()[:500],
                name=(result.path or "")[:500],
                publication_date=publication_date,
                text=text,
                chars=len(text),
                fetched_at=now,
                status=SourceStatus.NEW,
            )
            fresh.append((source, facts_json))
        if not fresh:
            return counts
        created = Source.objects.bulk_create([s for s, _ in fresh])
        if not all(s.pk for s in created):  # backends that do not return ids from bulk inserts
            ids = dict(
                Source.objects.filter(sha256__in=[s.sha256 for s in created]).values_list(
                    "sha256", "pk"
                )
            )
            for s in created:
                s.pk = ids[s.sha256]
        counts["sources"] = len(created)
        source_type = ContentType.objects.get_for_model(Source)
        actor_ref = actor if getattr(actor, "pk", None) else None

        def entry(source, action, before, after, note=""):
            return AuditEntry(
                actor=actor_ref,
                action=action,
                content_type=source_type,
                object_id=str(source.pk),
                object_repr=str(source)[:300],
                before=before,
                after=after,
                note=note,
            )

        entries = [entry(s, "source.register", None, snapshot(s)) for s, _ in fresh]
        all_facts: list[Fact] = []
        changed: list[Source] = []
        matcher = Matcher()
        matcher.prime_people(
            person.get("name")
            for _, facts_json in fresh
            if isinstance(facts_json, dict) and isinstance(facts_json.get("people"), list)
            for person in facts_json["people"]
            if isinstance(person, dict)
        )
        for source, facts_json in fresh:
            if not facts_json:
                continue
            try:
                if not isinstance(facts_json, dict):
                    raise ServiceError("Dữ liệu trích xuất phải là một đối tượng JSON.")
                facts = facts_from_object(source, facts_json)
            except ServiceError as error:
                counts["errors"] += 1
                status, note = SourceStatus.FAILED, str(error)[:500]
            else:
                annotate_facts(facts, matcher)
                all_facts.extend(facts)
                kinds = Counter(f.kind for f in facts)
                status = SourceStatus.EXTRACTED
                note = f"{len(facts)} dữ liệu trích xuất" + (
                    ": " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) if kinds else ""
                )
            source.status, source.version = status, source.version + 1
            changed.append(source)
            entries.append(
                entry(
                    source,
                    "source.record_facts",
                    {"status": SourceStatus.NEW.value, "version": source.version - 1},
                    {"status": status.value, "version": source.version},
                    note,
                )
            )
        if changed:
            Source.objects.bulk_update(changed, ["status", "version"], batch_size=500)
        Fact.objects.bulk_create(all_facts, batch_size=500)
        AuditEntry.objects.bulk_create(entries, batch_size=500)
        counts["facts"] = len(all_facts)
    return counts
