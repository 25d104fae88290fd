"""Who reads which documents: clearance always, scope for unit users."""

from __future__ import annotations

import datetime as dt

import pytest

from chidao.core.errors import NotFound
from chidao.core.models import Classification, Role
from chidao.documents import selectors
from chidao.documents.models import Document
from chidao.tasks.services import do_create_task


def doc(
    doc_types, issuer, number, symbol, *, classification=Classification.NORMAL, type_name="Kế hoạch"
):
    return Document.objects.create(
        doc_type=doc_types[type_name],
        system="party",
        number=number,
        symbol=symbol,
        issuer=issuer,
        issued_on=dt.date(2021, 5, 1),
        year=2021,
        classification=classification,
        excerpt=f"{type_name} {number}",
    )


@pytest.fixture
def docs(orgs, doc_types, central):
    return {
        "own": doc(doc_types, orgs["cao_loc"], "35", "KH/HU"),
        "own_secret": doc(
            doc_types, orgs["cao_loc"], "36", "KH/HU", classification=Classification.SECRET
        ),
        "province": doc(doc_types, orgs["province"], "10", "KH/TU"),
        "province_secret": doc(
            doc_types, orgs["province"], "11", "KH/TU", classification=Classification.SECRET
        ),
        "central": doc(doc_types, central, "10", "CT/TW", type_name="Chỉ thị"),
        "neighbour": doc(doc_types, orgs["van_lang"], "20", "KH/HU"),
        "top_secret": doc(
            doc_types, orgs["province"], "12", "KH/TU", classification=Classification.TOP_SECRET
        ),
    }


def names(qs):
    return sorted(d.excerpt for d in qs)


def test_office_without_clearance_sees_only_unclassified(docs, office_user):
    seen = set(selectors.visible_documents(office_user))
    assert seen == {docs["own"], docs["province"], docs["central"], docs["neighbour"]}
    with pytest.raises(NotFound):
        selectors.get_visible_document(office_user, docs["own_secret"].pk)


def test_leader_cleared_for_secret(docs, leader_user):
    seen = set(selectors.visible_documents(leader_user))
    assert docs["province_secret"] in seen and docs["own_secret"] in seen
    assert docs["top_secret"] not in seen


def test_admin_sees_all(docs, admin_user):
    assert selectors.visible_documents(admin_user).count() == len(docs)


def test_unit_user_own_and_unclassified_from_above(docs, unit_user):
    assert set(selectors.visible_documents(unit_user)) == {
        docs["own"],
        docs["province"],
        docs["central"],
    }


def test_cleared_unit_user(docs, make_user, orgs):
    cleared = make_user("caoloc2", Role.UNIT, orgs["cao_loc"], clearance=Classification.SECRET)
    seen = set(selectors.visible_documents(cleared))
    assert docs["own_secret"] in seen
    # A classified document from above is not theirs unless tied to their work.
    assert docs["province_secret"] not in seen
    assert docs["neighbour"] not in seen


def test_unit_user_reads_the_origin_of_their_task(docs, make_user, office_user, orgs):
    cleared = make_user("caoloc2", Role.UNIT, orgs["cao_loc"], clearance=Classification.SECRET)
    do_create_task(
        office_user,
        title="Triển khai",
        lead_unit=orgs["cao_loc"],
        origin_document=docs["province_secret"],
    )
    assert docs["province_secret"] in set(selectors.visible_documents(cleared))


def test_other_unit_user(docs, other_unit_user):
    assert set(selectors.visible_documents(other_unit_user)) == {
        docs["neighbour"],
        docs["province"],
        docs["central"],
    }
