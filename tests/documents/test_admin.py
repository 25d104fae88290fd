"""The admin pages of documents, meetings and ingest open, with data, for an administrator."""

import datetime as dt

import pytest
from django.urls import reverse

PAGES = [
    "documents_documenttype",
    "documents_document",
    "documents_documentlink",
    "documents_numbersequence",
    "meetings_meeting",
    "meetings_participant",
    "meetings_direction",
    "ingest_source",
    "ingest_fact",
    "ingest_provenance",
]


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "mat-khau-1")
    client.force_login(user)
    return client


@pytest.fixture
def data(admin_user, office_user, orgs, terms, doc_types):
    from chidao.documents.services import do_create_document, do_link_documents
    from chidao.ingest.services import do_link_provenance, do_record_facts, do_register_source
    from chidao.meetings.services import do_add_direction, do_create_meeting

    plan = do_create_document(
        office_user,
        raw_number="25-KH/TU",
        doc_type="Kế hoạch",
        issuer=orgs["province"],
        issued_on=dt.date(2021, 9, 1),
        excerpt="thực hiện Chỉ thị",
    )
    directive = do_create_document(
        office_user, raw_number="05-CT/TU", issuer=orgs["province"], issued_on=dt.date(2021, 8, 1)
    )
    do_link_documents(office_user, plan, directive, relation="implements")
    meeting = do_create_meeting(
        office_user,
        kind="review_conference",
        title="Sơ kết",
        held_on=dt.date(2021, 7, 1),
        host=orgs["province"],
    )
    do_add_direction(office_user, meeting, text="đẩy mạnh giải ngân")
    source = do_register_source(office_user, text="Huyện ủy Cao Lộc họp.")
    facts = do_record_facts(
        office_user,
        source,
        {
            "schema": "chidao.facts/1",
            "organizations": [{"name": "Huyện ủy Cao Lộc", "spans": [[0, 16]]}],
        },
    )
    do_link_provenance(office_user, facts[0], orgs["cao_loc"], field="name")
    return {"plan": plan, "meeting": meeting, "source": source, "fact": facts[0]}


@pytest.mark.parametrize("page", PAGES)
def test_admin_pages_open(staff_client, data, page):
    assert staff_client.get(reverse(f"admin:{page}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"admin:{page}_changelist"), {"q": "Cao"}).status_code == 200


def test_admin_change_pages_open(staff_client, data):
    for name, key in [
        ("documents_document", "plan"),
        ("meetings_meeting", "meeting"),
        ("ingest_source", "source"),
        ("ingest_fact", "fact"),
    ]:
        url = reverse(f"admin:{name}_change", args=[data[key].pk])
        response = staff_client.get(url)
        assert response.status_code == 200, name
    assert staff_client.get(reverse("admin:documents_document_add")).status_code == 200
