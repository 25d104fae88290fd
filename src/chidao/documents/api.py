"""REST endpoints of documents: /api/v1/documents, /api/v1/document-types.

A document above the caller's clearance does not exist for them (404, absent from lists).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from ninja import Router, Schema, Status

from chidao.api.common import ERRORS, page_of, paginate, ref, set_fields
from chidao.core.errors import ServiceError
from chidao.core.models import Classification
from chidao.documents import selectors, services
from chidao.documents.models import DocSystem, DocumentType, LinkRelation
from chidao.orgs.models import CommitteeTerm
from chidao.orgs.selectors import visible_organizations, visible_people

router = Router(tags=["Văn bản"])


class DocumentTypeOut(Schema):
    id: int
    name: str
    party_code: str
    state_code: str
    legal: bool


class LinkOut(Schema):
    id: int
    target: int
    relation: str

    @staticmethod
    def resolve_target(obj) -> int:
        return obj.target_id


class DocumentOut(Schema):
    id: int
    doc_type: int
    doc_type_name: str
    system: str
    number: str
    symbol: str
    number_display: str
    issuer: int
    issued_on: dt.date | None
    term: int | None
    year: int | None
    excerpt: str
    signer: int | None
    signer_title: str
    classification: int
    classification_label: str
    has_file: bool
    links: list[LinkOut]
    version: int

    @staticmethod
    def resolve_doc_type(obj) -> int:
        return obj.doc_type_id

    @staticmethod
    def resolve_doc_type_name(obj) -> str:
        return obj.doc_type.name

    @staticmethod
    def resolve_issuer(obj) -> int:
        return obj.issuer_id

    @staticmethod
    def resolve_term(obj) -> int | None:
        return obj.term_id

    @staticmethod
    def resolve_signer(obj) -> int | None:
        return obj.signer_id

    @staticmethod
    def resolve_classification_label(obj) -> str:
        return obj.get_classification_display()

    @staticmethod
    def resolve_has_file(obj) -> bool:
        return bool(obj.file)

    @staticmethod
    def resolve_links(obj) -> list:
        return list(obj.outgoing_links.all())


class DocumentIn(Schema):
    """Give ``raw_number`` as written ("Số 10-CT/TW", "09/2019/NĐ-CP"), or ``number`` and
    ``symbol``; ``doc_type`` is an id or a name ("Chỉ thị")."""

    issuer: int
    doc_type: int | str | None = None
    raw_number: str | None = None
    number: str | None = None
    symbol: str | None = None
    system: DocSystem | None = None
    issued_on: dt.date | None = None
    term: int | None = None
    year: int | None = None
    excerpt: str = ""
    signer: int | None = None
    signer_title: str = ""
    classification: Classification = Classification.NORMAL


class DocumentPatch(Schema):
    version: int
    issuer: int | None = None
    doc_type: int | str | None = None
    raw_number: str | None = None
    number: str | None = None
    symbol: str | None = None
    system: DocSystem | None = None
    issued_on: dt.date | None = None
    term: int | None = None
    year: int | None = None
    excerpt: str | None = None
    signer: int | None = None
    signer_title: str | None = None
    classification: Classification | None = None


class ReserveIn(Schema):
    issuer: int
    doc_type: int | str
    on: dt.date
    system: DocSystem | None = None
    unit: str | None = None


class ReserveOut(Schema):
    number: str


class LinkIn(Schema):
    target: int
    relation: LinkRelation


DocumentPage = page_of(DocumentOut, "DocumentPage")


def _doc_type(value, field: str = "doc_type") -> DocumentType:
    if isinstance(value, int):
        return ref(DocumentType.objects.all(), value, field=field, what="loại văn bản")
    found = DocumentType.objects.filter(name=str(value).strip()).first()
    if found is None:
        raise ServiceError(f"Chưa có loại văn bản '{value}'.", field=field)
    return found


def _resolve(request, data: dict) -> dict:
    user = request.auth
    if "issuer" in data:
        data["issuer"] = ref(
            visible_organizations(user), data["issuer"], field="issuer", what="cơ quan ban hành"
        )
    if data.get("doc_type") is not None:
        data["doc_type"] = _doc_type(data["doc_type"])
    if "signer" in data:
        data["signer"] = ref(visible_people(user), data["signer"], field="signer", what="người ký")
    if "term" in data:
        data["term"] = ref(CommitteeTerm.objects.all(), data["term"], field="term", what="nhiệm kỳ")
    for name in ("system", "classification"):
        if data.get(name) is not None and hasattr(data[name], "value"):
            data[name] = data[name].value
    return data


@router.get("/document-types", response={200: list[DocumentTypeOut], **ERRORS})
def list_document_types(request):
    return list(DocumentType.objects.order_by("name"))


@router.get("/documents", response={200: DocumentPage, **ERRORS})
def list_documents(
    request,
    body: int | None = None,
    type: str | None = None,
    system: DocSystem | None = None,
    year: int | None = None,
    classification: Classification | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
):
    """Documents the caller may read. ``body``: the issuer; ``type``: a type id or name;
    ``q``: in the number, symbol or excerpt ("10-CT/TW" matches too)."""
    qs = selectors.visible_documents(request.auth)
    if body is not None:
        qs = qs.filter(issuer_id=body)
    if type:
        qs = qs.filter(doc_type_id=int(type)) if type.isdigit() else qs.filter(doc_type__name=type)
    if system:
        qs = qs.filter(system=system)
    if year is not None:
        qs = qs.filter(year=year)
    if classification is not None:
        qs = qs.filter(classification=int(classification))
    if q:
        term = q.strip()
        match = Q(excerpt__icontains=term) | Q(symbol__icontains=term) | Q(number=term)
        for sep in ("-", "/"):
            if sep in term:
                number, _, symbol = term.partition(sep)
                match |= Q(number=number.strip(), symbol__iexact=symbol.strip())
        qs = qs.filter(match)
    qs = qs.select_related("doc_type").prefetch_related("outgoing_links")
    return paginate(qs.order_by("-issued_on", "-id"), limit, offset)


@router.get("/documents/{int:doc_id}", response={200: DocumentOut, **ERRORS})
def get_document(request, doc_id: int):
    return selectors.get_visible_document(request.auth, doc_id)


@router.post("/documents", response={201: DocumentOut, **ERRORS})
def create_document(request, payload: DocumentIn):
    data = {k: v for k, v in payload.dict().items() if v is not None}
    return Status(201, services.do_create_document(request.auth, **_resolve(request, data)))


@router.patch("/documents/{int:doc_id}", response={200: DocumentOut, **ERRORS})
def update_document(request, doc_id: int, payload: DocumentPatch):
    document = selectors.get_visible_document(request.auth, doc_id)
    data = _resolve(request, set_fields(payload))
    services.do_update_document(request.auth, document, expected_version=payload.version, **data)
    return selectors.get_visible_document(request.auth, doc_id)


@router.post("/documents/reserve-number", response={200: ReserveOut, **ERRORS})
def reserve_number(request, payload: ReserveIn):
    """The next number of a type for an issuer on a date ("09-CT/TU", "05/QĐ-STC")."""
    number = services.do_reserve_number(
        request.auth,
        issuer=ref(
            visible_organizations(request.auth),
            payload.issuer,
            field="issuer",
            what="cơ quan ban hành",
        ),
        doc_type=_doc_type(payload.doc_type),
        on=payload.on,
        system=payload.system.value if payload.system else None,
        unit=payload.unit,
    )
    return {"number": number}


@router.post("/documents/{int:doc_id}/links", response={201: DocumentOut, **ERRORS})
def link_documents(request, doc_id: int, payload: LinkIn):
    """This document implements, replaces or cites ``target``."""
    source = selectors.get_visible_document(request.auth, doc_id)
    target = ref(
        selectors.visible_documents(request.auth), payload.target, field="target", what="văn bản"
    )
    services.do_link_documents(request.auth, source, target, relation=payload.relation.value)
    return Status(201, selectors.get_visible_document(request.auth, doc_id))
