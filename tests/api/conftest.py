"""A caller of the API with a Bearer token, for any user."""

from __future__ import annotations

import json

import pytest
from django.test import Client

BASE = "/api/v1"


class Caller:
    """``caller.get("/tasks", status=...)`` etc.; returns the decoded JSON body."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def request(self, method: str, path: str, data=None, *, expect: int | None = None, **params):
        url = BASE + path
        if method == "get":
            response = self.client.get(url, params, headers=self.headers)
        else:
            response = getattr(self.client, method)(
                url,
                json.dumps(data if data is not None else {}, default=str),
                content_type="application/json",
                headers=self.headers,
            )
        self.last = response
        if expect is not None:
            assert response.status_code == expect, (response.status_code, response.content[:800])
        return response.json() if response.content else None

    def get(self, path, *, expect=200, **params):
        return self.request("get", path, expect=expect, **params)

    def post(self, path, data=None, *, expect=200):
        return self.request("post", path, data, expect=expect)

    def patch(self, path, data=None, *, expect=200):
        return self.request("patch", path, data, expect=expect)


@pytest.fixture(autouse=True)
def api_urls(settings):
    settings.ROOT_URLCONF = "tests.api.urls"


@pytest.fixture
def token_for(db):
    from chidao.api.services import do_issue_token
    from chidao.core.actors import system_actor

    def make(user, name="thử nghiệm"):
        plaintext, _ = do_issue_token(system_actor(), user=user, name=name)
        return plaintext

    return make


@pytest.fixture
def caller(token_for):
    """``caller(user)`` -> a Caller with a fresh token of that user."""
    return lambda user: Caller(token_for(user))


@pytest.fixture
def as_admin(caller, admin_user):
    return caller(admin_user)


@pytest.fixture
def as_office(caller, office_user):
    return caller(office_user)


@pytest.fixture
def as_unit(caller, unit_user):
    return caller(unit_user)


@pytest.fixture
def as_other_unit(caller, other_unit_user):
    return caller(other_unit_user)


@pytest.fixture
def as_leader(caller, leader_user):
    return caller(leader_user)


@pytest.fixture
def doc_types(db):
    from chidao.core.actors import system_actor
    from chidao.documents.models import DocumentType
    from chidao.documents.services import load_document_types

    load_document_types(system_actor())
    return {t.name: t for t in DocumentType.objects.all()}
