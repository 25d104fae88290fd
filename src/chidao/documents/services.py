"""The only writers of documents, their links, types and number sequences.

Numbers are read and written with :mod:`chidao.docnumber`; a Party document's number
runs per type, per issuing body, per committee term, a state document's per year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from chidao import docnumber
from chidao.core.access import cleared_for, require
from chidao.core.errors import AccessDenied, NotFound, ServiceError
from chidao.core.models import Classification
from chidao.core.services import create_audited, locked, save_changes
from chidao.documents.models import (
    DocSystem,
    Document,
    DocumentLink,
    DocumentType,
    LinkRelation,
    NumberSequence,
)
from chidao.orgs.models import CommitteeTerm, Organization, OrganizationKind
from chidao.orgs.models import System as OrgSystem

DOCUMENT_FIELDS = {
    "doc_type",
    "system",
    "number",
    "symbol",
    "issuer",
    "issued_on",
    "term",
    "year",
    "excerpt",
    "signer",
    "signer_title",
    "classification",
    "file",
}
# Fields whose change means the number must be checked again.
_NUMBER_FIELDS = {"doc_type", "system", "number", "symbol", "issuer", "issued_on", "term", "year"}


# --------------------------------------------------------------------------- reading


def find_document_by_number(
    raw: str, *, year: int | None = None, on: dt.date | None = None
) -> Document | None:
    """The document written as ``raw`` ("Chỉ thị số 10-CT/TW" → "Số 10-CT/TW", "123/QĐ-UBND").

    Numbers match whatever zeros were written ("9-CT/TW" finds "09-CT/TW"). When several
    documents share the number (other terms, other years), ``year`` or ``on`` (the date of
    the text that cites it: the document was issued before) narrows the choice, and the
    latest one wins. Returns None when none is recorded; raises ServiceError if ``raw``
    is not a document number.
    """
    parsed = _parse_or_refuse(raw)
    digits = parsed.number.lstrip("0") or "0"
    numbers = {parsed.number, digits, digits.zfill(2), digits.zfill(3)}
    candidates = Document.objects.filter(
        system=parsed.system, number__in=numbers, symbol=parsed.symbol
    )
    if parsed.year is not None:
        candidates = candidates.filter(year=parsed.year)
    elif year is not None:
        candidates = candidates.filter(year=year)
    if on is not None:
        candidates = candidates.filter(Q(issued_on__isnull=True) | Q(issued_on__lte=on))
    return candidates.order_by("-issued_on", "-id").first()


# --------------------------------------------------------------------------- types


@transaction.atomic
def load_document_types(actor) -> dict[str, int]:
    """Create or update the document types of the grammar's table. Idempotent."""
    require(actor, "document.manage")
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for entry in docnumber.DOCUMENT_TYPES:
        wanted = {
            "party_code": entry.party_code or "",
            "state_code": entry.state_code or "",
            "legal": entry.legal,
        }
        existing = DocumentType.objects.select_for_update().filter(name=entry.name).first()
        if existing is None:
            create_audited(actor, "document_type.create", DocumentType(name=entry.name, **wanted))
            counts["created"] += 1
            continue
        changes = {k: v for k, v in wanted.items() if getattr(existing, k) != v}
        if changes:
            save_changes(actor, "document_type.update", existing, changes)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts


def document_type(value: DocumentType | str) -> DocumentType:
    """A type given as a record or by its Vietnamese name ("Chỉ thị")."""
    if isinstance(value, DocumentType):
        return value
    found = DocumentType.objects.filter(name=str(value).strip()).first()
    if found is None:
        raise NotFound(f"Chưa có loại văn bản '{value}'. Hãy nạp danh mục loại văn bản trước.")
    return found


# --------------------------------------------------------------------------- numbers


def _parse_or_refuse(raw: str) -> docnumber.DocNumber:
    try:
        return docnumber.parse(raw)
    except docnumber.DocNumberError as error:
        raise ServiceError(f"Số văn bản '{raw}' không hợp lệ ({error}).", field="number") from error


def _ancestors(org: Organization) -> list[Organization]:
    chain, seen = [], {org.pk}
    current = org.parent
    while current is not None and current.pk not in seen:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain


def _terms_of(org: Organization) -> tuple[Organization, QuerySet[CommitteeTerm]] | None:
    """The committee whose terms number ``org``'s Party documents: its own, else the nearest
    body above with terms (a Văn phòng Tỉnh ủy numbers within the Tỉnh ủy's term)."""
    for body in [org, *_ancestors(org)]:
        terms = CommitteeTerm.objects.filter(organization=body)
        if terms.exists():
            return body, terms
        if body.kind == OrganizationKind.PARTY_COMMITTEE:
            return None  # a committee numbers within its own terms, never its parent's
    return None


def term_on(issuer: Organization, on: dt.date) -> CommitteeTerm | None:
    """The committee term containing ``on`` within which ``issuer`` numbers Party documents."""
    found = _terms_of(issuer)
    if found is None:
        return None
    _, terms = found
    return (
        terms.filter(starts__lte=on)
        .filter(Q(ends__isnull=True) | Q(ends__gte=on))
        .order_by("-starts")
        .first()
    )


def _system_for(issuer: Organization, system: str | None) -> str:
    if system is None:
        system = issuer.system
        if system not in DocSystem.values:
            raise ServiceError(
                f"{issuer.name} không thuộc hệ thống Đảng hay Nhà nước; "
                "hãy chọn hệ thống đánh số văn bản.",
                field="system",
            )
    if system not in DocSystem.values:
        raise ServiceError(f"Hệ thống '{system}' không hợp lệ (party hoặc state).", field="system")
    return system


def _shares_parent_sequence(body: Organization) -> bool:
    parent = body.parent
    return (
        parent is not None
        and body.system == OrgSystem.PARTY
        and parent.system == OrgSystem.PARTY
        and body.kind != OrganizationKind.PARTY_COMMITTEE
        and bool(body.symbol)
        and body.symbol == parent.symbol
    )


def numbering_body(org: Organization) -> Organization:
    """The body whose sequences ``org`` numbers in: a Party body writing its parent's
    symbol (Ban Thường vụ Tỉnh ủy: TU; Bộ Chính trị: TW) continues its parent's."""
    body, seen = org, {org.pk}
    while _shares_parent_sequence(body) and body.parent_id not in seen:
        body = body.parent
        seen.add(body.pk)
    return body


def sequence_members(org: Organization) -> set[int]:
    """Ids of the bodies numbering in the same sequences as ``org`` (itself included)."""
    root = numbering_body(org)
    found, frontier = {root.pk}, [root]
    while frontier:
        children = [
            child
            for parent in frontier
            for child in Organization.objects.filter(parent=parent).select_related("parent")
            if child.pk not in found and _shares_parent_sequence(child)
        ]
        found.update(child.pk for child in children)
        frontier = children
    return found


def _existing_max(system: str, issuer, doc_type, *, term=None, year=None) -> int:
    """The highest number already recorded in one sequence's scope (0 if none)."""
    documents = Document.objects.filter(
        system=system, issuer__in=sequence_members(issuer), doc_type=doc_type
    )
    documents = (
        documents.filter(term=term) if system == DocSystem.PARTY else documents.filter(year=year)
    )
    numbers = [
        int(n) for n in documents.exclude(number="").values_list("number", flat=True) if n.isdigit()
    ]
    return max(numbers, default=0)


def _build_number(
    system: str,
    n: int | str,
    doc_type: DocumentType,
    issuer: Organization,
    on: dt.date,
    unit: str | None = None,
) -> docnumber.DocNumber:
    if system == DocSystem.PARTY:
        return docnumber.make_party(n, doc_type.name, issuer.symbol)
    return docnumber.make_state(
        n, doc_type.name, issuer.symbol, year=on.year if doc_type.legal else None, unit=unit
    )


@transaction.atomic
def do_reserve_number(
    actor,
    *,
    issuer: Organization,
    doc_type: DocumentType | str,
    on: dt.date,
    system: str | None = None,
    unit: str | None = None,
) -> str:
    """Give the next number for a document of ``doc_type`` that ``issuer`` issues on ``on``.

    Returns the number as written without "Số": "09-CT/TU", "05/QĐ-STC", "03/2026/QĐ-UBND"
    (legal normative documents carry the year; ``unit`` is the drafting unit of a state
    number, "456/UBND-VP": one sequence for all units). Party numbers run per committee term,
    state numbers per calendar year; both from 01, with at least two digits. Two
    reservations never get the same number and no number is skipped: the sequence row
    is created race-free (insert or ignore) and locked for the rest of the transaction.
    """
    require(actor, "document.reserve_number", orgs=[issuer])
    doc_type = document_type(doc_type)
    system = _system_for(issuer, system)
    if not isinstance(on, dt.date):
        raise ServiceError("Ngày ban hành không hợp lệ.", field="on")
    if not issuer.is_active_on(on):
        raise ServiceError(
            f"{issuer.name} không hoạt động vào ngày {on:%d/%m/%Y}; không thể lấy số văn bản.",
            field="issuer",
        )
    if not issuer.symbol:
        raise ServiceError(
            f"{issuer.name} chưa có ký hiệu dùng trên số văn bản (ví dụ TU, UBND).",
            field="issuer",
        )
    try:
        _build_number(system, 1, doc_type, issuer, on, unit)
    except docnumber.DocNumberError as error:
        label = "của Đảng" if system == DocSystem.PARTY else "nhà nước"
        raise ServiceError(
            f"Không tạo được số văn bản {label} cho loại {doc_type.name} của "
            f"{issuer.name} ({error}).",
            field="doc_type",
        ) from error

    if system == DocSystem.PARTY:
        term = term_on(issuer, on)
        if term is None:
            raise ServiceError(
                f"Chưa có nhiệm kỳ (khóa) của {issuer.name} chứa ngày {on:%d/%m/%Y}. "
                "Văn bản của Đảng được đánh số theo nhiệm kỳ: hãy khai báo nhiệm kỳ trước.",
                field="on",
            )
        scope: dict[str, Any] = {"term": term, "year": None}
    else:
        scope = {"term": None, "year": on.year}

    key = {"system": system, "issuer": numbering_body(issuer), "doc_type": doc_type, **scope}
    NumberSequence.objects.bulk_create(
        [NumberSequence(**key, last=_existing_max(system, issuer, doc_type, **scope))],
        ignore_conflicts=True,
    )
    sequence = NumberSequence.objects.select_for_update().get(**key)
    # A document recorded by hand with a higher number moves the sequence on.
    last = max(sequence.last, _existing_max(system, issuer, doc_type, **scope))
    written = _build_number(
        system, docnumber.next_number_string(last, system), doc_type, issuer, on, unit
    )
    text = docnumber.format_number(written, prefix=False)
    save_changes(actor, "document.reserve_number", sequence, {"last": last + 1}, note=text)
    return text


# --------------------------------------------------------------------------- documents


def _check_clearance(actor, classification: int) -> None:
    if not cleared_for(actor, classification):
        label = Classification(classification).label
        raise AccessDenied(f"Bạn không được xem, sửa văn bản có độ mật '{label}'.")


def _prepared(fields: dict[str, Any], *, pk=None) -> dict[str, Any]:
    """Check and complete a document's fields: the number against the grammar, the type,
    the term and the year; refuse a number already given in the same sequence."""
    fields = dict(fields)
    raw = fields.pop("raw_number", None)
    issuer = fields.get("issuer")
    if not isinstance(issuer, Organization):
        raise ServiceError("Cần chọn cơ quan ban hành.", field="issuer")

    parsed = None
    if raw:
        parsed = _parse_or_refuse(raw)
        fields["system"] = parsed.system
        fields["number"] = parsed.number
        fields["symbol"] = parsed.symbol
        if fields.get("doc_type") is None and len(parsed.type_names) == 1:
            fields["doc_type"] = document_type(parsed.type_names[0])
    if fields.get("doc_type") is None:
        raise ServiceError("Cần chọn loại văn bản.", field="doc_type")
    doc_type = fields["doc_type"] = document_type(fields["doc_type"])
    system = fields["system"] = _system_for(issuer, fields.get("system") or None)

    issued_on = fields.get("issued_on")
    if (
        fields.get("year") is None
        and issued_on is not None
        and (parsed is None or parsed.year is None)
    ):
        fields["year"] = issued_on.year

    number = (fields.get("number") or "").strip()
    symbol = (fields.get("symbol") or "").strip()
    fields["number"], fields["symbol"] = number, symbol
    if not number and symbol:
        raise ServiceError("Có ký hiệu nhưng thiếu số văn bản.", field="number")
    if number and parsed is None:
        if system == DocSystem.PARTY:
            raw = f"{number}-{symbol}"
        elif doc_type.legal and fields.get("year"):
            raw = f"{number}/{fields['year']}/{symbol}"
        else:
            raw = f"{number}/{symbol}"
        parsed = _parse_or_refuse(raw)
    if parsed is not None:
        if parsed.system != system:
            raise ServiceError(
                f"Số {docnumber.format_number(parsed, prefix=False)} là số văn bản "
                f"{'của Đảng' if parsed.system == DocSystem.PARTY else 'nhà nước'}, "
                "không khớp với hệ thống đã chọn.",
                field="number",
            )
        if doc_type.name not in parsed.type_names:
            named = ", ".join(parsed.type_names) or "không rõ loại"
            raise ServiceError(
                f"Ký hiệu {parsed.symbol} là của {named}, không phải {doc_type.name}.",
                field="symbol",
            )
        agency = parsed.issuer.split("-")[0] if system == DocSystem.PARTY else parsed.issuer
        if issuer.symbol and agency != issuer.symbol:
            raise ServiceError(
                f"Ký hiệu cơ quan trong số ({agency}) khác ký hiệu của {issuer.name} "
                f"({issuer.symbol}).",
                field="symbol",
            )
        fields["symbol"] = parsed.symbol
        if parsed.year is not None:
            if fields.get("year") not in (None, parsed.year):
                raise ServiceError(
                    f"Năm trong số văn bản ({parsed.year}) khác năm đã nhập ({fields['year']}).",
                    field="year",
                )
            fields["year"] = parsed.year

    if (
        issued_on is not None
        and fields.get("year") != issued_on.year
        and not (parsed is not None and parsed.year is not None)
    ):
        raise ServiceError("Năm không khớp với ngày ban hành.", field="year")

    term = fields.get("term")
    if system == DocSystem.PARTY:
        if term is None and issued_on is not None:
            term = fields["term"] = term_on(issuer, issued_on)
        if term is not None:
            owner = _terms_of(issuer)
            if owner is None or term.organization_id != owner[0].pk:
                raise ServiceError(
                    f"Nhiệm kỳ {term} không phải nhiệm kỳ của {issuer.name}.", field="term"
                )
            if issued_on is not None and (
                issued_on < term.starts or (term.ends is not None and issued_on > term.ends)
            ):
                raise ServiceError(
                    f"Ngày ban hành {issued_on:%d/%m/%Y} nằm ngoài nhiệm kỳ {term.name}.",
                    field="issued_on",
                )
    else:
        if term is not None:
            raise ServiceError(
                "Văn bản nhà nước đánh số theo năm, không theo nhiệm kỳ.", field="term"
            )
        if number and fields.get("year") is None:
            raise ServiceError("Văn bản nhà nước cần năm hoặc ngày ban hành.", field="issued_on")

    if number:
        same = Document.objects.filter(
            system=system, issuer__in=sequence_members(issuer), doc_type=doc_type, number=number
        ).exclude(pk=pk)
        same = (
            same.filter(term=fields.get("term"))
            if system == DocSystem.PARTY
            else same.filter(year=fields.get("year"))
        )
        if fields.get("term") is not None or system == DocSystem.STATE:
            clash = same.first()
            if clash is not None:
                scope = (
                    f"nhiệm kỳ {fields['term'].name}"
                    if system == DocSystem.PARTY
                    else f"năm {fields['year']}"
                )
                raise ServiceError(
                    f"Số {clash.number_display} của {issuer.name} đã được dùng trong {scope}.",
                    field="number",
                )
    return fields


@transaction.atomic
def do_create_document(actor, **fields) -> Document:
    """Record a document. Give ``number`` and ``symbol`` ("10", "CT/TW"), or ``raw_number``
    as written ("Số 10-CT/TW", "09/2019/NĐ-CP"), which also fills ``system`` and, when the
    symbol names one type, ``doc_type``. ``doc_type`` may be a record or a name. The term
    of a Party document and the year are taken from ``issued_on`` when not given."""
    unknown = set(fields) - DOCUMENT_FIELDS - {"raw_number"}
    if unknown:
        raise ServiceError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")
    issuer = fields.get("issuer")
    require(actor, "document.manage", orgs=[issuer] if issuer is not None else None)
    _check_clearance(actor, fields.get("classification") or Classification.NORMAL)
    prepared = _prepared(fields)
    if prepared.get("classification") is None:
        prepared["classification"] = Classification.NORMAL
    try:
        with transaction.atomic():  # a savepoint: a concurrent insert of the same number
            return create_audited(actor, "document.create", Document(**prepared))
    except IntegrityError as error:
        raise ServiceError(
            "Số văn bản này vừa được người khác ghi. Hãy kiểm tra lại số.", field="number"
        ) from error


@transaction.atomic
def do_update_document(actor, document: Document, *, expected_version=None, **changes) -> Document:
    unknown = set(changes) - DOCUMENT_FIELDS - {"raw_number"}
    if unknown:
        raise ServiceError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")
    require(actor, "document.manage", orgs=[document.issuer])
    row = locked(Document, document.pk)
    _check_clearance(actor, row.classification)
    if "classification" in changes:
        _check_clearance(actor, changes["classification"])
    if set(changes) & (_NUMBER_FIELDS | {"raw_number"}):
        current = {name: getattr(row, name) for name in _NUMBER_FIELDS}
        if "issued_on" in changes and "year" not in changes and "raw_number" not in changes:
            current["year"] = None  # taken again from the new date
        if ("issuer" in changes or "issued_on" in changes) and "term" not in changes:
            current["term"] = None
        if "raw_number" in changes:
            current.pop("symbol")
            current.pop("system")
        merged = _prepared({**current, **changes}, pk=row.pk)
        changes = {
            name: value
            for name, value in merged.items()
            if name in DOCUMENT_FIELDS and (name in changes or getattr(row, name) != value)
        }
    changes = {name: value for name, value in changes.items() if getattr(row, name) != value}
    if not changes:
        return row
    return save_changes(actor, "document.update", row, changes, expected_version=expected_version)


@transaction.atomic
def do_link_documents(actor, source: Document, target: Document, *, relation: str) -> DocumentLink:
    """``source`` implements, replaces or cites ``target``."""
    require(actor, "document.manage", orgs=[source.issuer])
    _check_clearance(actor, source.classification)
    _check_clearance(actor, target.classification)
    if relation not in LinkRelation.values:
        raise ServiceError(
            f"Quan hệ '{relation}' không hợp lệ (implements, replaces hoặc cites).",
            field="relation",
        )
    if source.pk == target.pk:
        raise ServiceError("Một văn bản không thể liên kết với chính nó.", field="target")
    if DocumentLink.objects.filter(source=source, target=target, relation=relation).exists():
        raise ServiceError("Hai văn bản đã có liên kết này.", field="target")
    return create_audited(
        actor, "document.link", DocumentLink(source=source, target=target, relation=relation)
    )


@transaction.atomic
def do_unlink_documents(actor, link: DocumentLink) -> None:
    from chidao.core import audit

    require(actor, "document.manage", orgs=[link.source.issuer])
    row = locked(DocumentLink, link.pk)
    audit.record(actor, "document.unlink", row, before=audit.snapshot(row), after={})
    row.delete()


__all__ = [
    "DOCUMENT_FIELDS",
    "do_create_document",
    "do_link_documents",
    "do_reserve_number",
    "do_unlink_documents",
    "do_update_document",
    "document_type",
    "find_document_by_number",
    "load_document_types",
    "term_on",
]
