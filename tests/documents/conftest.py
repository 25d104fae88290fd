"""Document types, committee terms and a central issuer for the document tests."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def doc_types(db):
    from chidao.core.actors import system_actor
    from chidao.documents.models import DocumentType
    from chidao.documents.services import load_document_types

    load_document_types(system_actor())
    return {t.name: t for t in DocumentType.objects.all()}


@pytest.fixture
def terms(orgs):
    """Tỉnh ủy Lạng Sơn khóa XVII (10/2020 - 9/2025) and khóa XVIII (from 10/2025)."""
    from chidao.orgs.models import CommitteeTerm

    province = orgs["province"]
    return {
        "xvii": CommitteeTerm.objects.create(
            organization=province,
            name="khóa XVII",
            starts=dt.date(2020, 10, 1),
            ends=dt.date(2025, 9, 30),
        ),
        "xviii": CommitteeTerm.objects.create(
            organization=province, name="khóa XVIII", starts=dt.date(2025, 10, 1)
        ),
    }


@pytest.fixture
def central(db):
    from chidao.orgs.models import Organization, OrganizationKind, System

    return Organization.objects.create(
        name="Ban Chấp hành Trung ương",
        kind=OrganizationKind.CENTRAL,
        system=System.PARTY,
        symbol="TW",
    )


@pytest.fixture
def make_doc(office_user, doc_types):
    """Create a document through the service, by type name."""
    from chidao.documents.services import do_create_document

    def make(type_name, issuer, **fields):
        return do_create_document(
            office_user, doc_type=doc_types[type_name], issuer=issuer, **fields
        )

    return make
