"""The access matrix (tests/security/access_rules.py), checked cell by cell.

Every row × role is one test: the page or endpoint is requested as that role on the shared
dataset (tests/security/conftest.py) and the outcome compared with the table; an outcome
other than ``ok`` must write nothing (AuditEntry count unchanged). A last test walks the
project's URL patterns so that a new page without a row fails.
"""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.security.access_rules import API, PAGES, ROLES, Rule

pytestmark = pytest.mark.django_db

LOGIN = "/dang-nhap/"
# URL prefixes left out of the completeness check: Django's admin and the API (its
# endpoints are the API rows, checked against the OpenAPI document below).
EXCLUDED = ("admin/", "api/", "static/", "media/")


def _fill(value, world):
    if isinstance(value, str):
        found = re.fullmatch(r"\{(\w+)\}", value)
        if found:
            return world.objects[found.group(1)]
        return value
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    return value


def _audit_count() -> int:
    from chidao.core.models import AuditEntry

    return AuditEntry.objects.count()


def _refusal(response) -> str:
    """The refusal shown to the user: messages of a redirect, or the page's text."""
    from django.contrib.messages import get_messages

    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    if response.status_code != 302:
        said += " " + response.content.decode("utf-8", "replace")
    if response.context is not None:  # some pages keep the form's errors off the screen
        from django.forms import BaseForm

        contexts = response.context if isinstance(response.context, list) else [response.context]
        for context in contexts:
            for value in context.flatten().values():
                if isinstance(value, BaseForm) and value.is_bound:
                    said += " " + str(value.errors)
    return said


def _outcome(response, wrote: bool, *, method: str, api: bool) -> str:
    code = response.status_code
    if code in (401, 403, 404, 405):
        return str(code)
    if not api and code == 302 and response["Location"].startswith(LOGIN):
        return "login"
    if method == "GET":
        return "ok" if code < 400 else f"unexpected {code}"
    if api:
        if code < 300:
            return "ok"
        return "form" if code in (400, 409, 413, 422) else f"unexpected {code}"
    if code not in (200, 302, 400, 409, 422):
        return f"unexpected {code}"
    said = _refusal(response)
    if "không có quyền" in said:
        return "denied"
    if wrote or (code == 302 and "errorlist" not in said and not _has_error(response)):
        return "ok"
    return "form"


def _has_error(response) -> bool:
    from django.contrib.messages import constants, get_messages

    return any(m.level >= constants.ERROR for m in get_messages(response.wsgi_request))


def _cells(rules):
    return [pytest.param(rule, role, id=f"{rule.id}-{role}") for rule in rules for role in ROLES]


@pytest.mark.parametrize(("rule", "role"), _cells(PAGES))
def test_page(world, rule: Rule, role: str):
    user = world.users["anonymous" if role == "anon" else role]
    client = Client()
    if user is not None:
        client.force_login(user)
    url = reverse(rule.target, args=[world.objects[o] for o in rule.obj])
    before = _audit_count()
    if rule.method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, _fill(rule.data, world))
    wrote = _audit_count() != before
    outcome = _outcome(response, wrote, method=rule.method, api=False)
    assert outcome == rule.expect[role], (outcome, url, response.status_code)
    if outcome != "ok":
        assert not wrote, f"{rule.id} as {role}: refused but wrote an AuditEntry"


@pytest.mark.parametrize(("rule", "role"), _cells(API))
def test_api(world, rule: Rule, role: str):
    token = world.tokens["anonymous" if role == "anon" else role]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    path = rule.target.format(*[world.objects[o] for o in rule.obj])
    client = Client()
    before = _audit_count()
    if rule.method == "GET":
        response = client.get("/api/v1" + path, headers=headers)
    else:
        response = client.generic(
            rule.method,
            "/api/v1" + path,
            json.dumps(_fill(rule.data, world)),
            content_type="application/json",
            headers=headers,
        )
    wrote = _audit_count() != before
    outcome = _outcome(response, wrote, method=rule.method, api=True)
    if rule.target == "/extract" and response.status_code == 200:
        outcome = "ok"  # reads only: nothing is stored
    assert outcome == rule.expect[role], (
        outcome,
        path,
        response.status_code,
        response.content[:200],
    )
    if outcome != "ok" or rule.method == "GET":
        assert not wrote, f"{rule.id} as {role}: wrote an AuditEntry"


def _url_names(patterns, namespace=None, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(EXCLUDED):
                continue
            yield from _url_names(pattern.url_patterns, pattern.namespace or namespace, route)
        elif not route.startswith(EXCLUDED):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_page_has_a_rule():
    names = set(_url_names(get_resolver().url_patterns))
    assert len(names) > 50
    missing = names - {rule.target for rule in PAGES}
    assert not missing, f"pages without a row in tests/security/access_rules.py: {missing}"
    unknown = {rule.target for rule in PAGES} - names
    assert not unknown, f"rows for pages that no longer exist: {unknown}"


def test_every_api_operation_has_a_rule(client):
    from chidao.api.router import api

    schema = api.get_openapi_schema()
    operations = set()
    for path, item in schema["paths"].items():
        template = re.sub(r"\{\w+\}", "{}", path.removeprefix("/api/v1"))
        for method in item:
            operations.add((method.upper(), template))
    covered = {(rule.method, rule.target) for rule in API}
    assert covered <= operations, covered - operations
    # every path is requested at least once (lists, details and one write per app)
    assert {t for _, t in operations} - {t for _, t in covered} <= UNCHECKED_PATHS


# Paths whose access is the same as a checked sibling (the same selector and service rule);
# listed so that a new path must be either checked or named here.
UNCHECKED_PATHS = {
    "/directions/{}",  # meeting.manage on the meeting's host, as POST /meetings/{}/directions
    "/directions/{}/task",  # task.manage, as the page tasks:from_direction
    "/documents/reserve-number",  # document.reserve_number (admin, office)
    "/documents/{}/links",  # document.manage on a visible document, as POST /documents
    "/indicators/{}/targets",  # indicator.manage, as the page indicators:target_set
    "/meetings/{}/conclusion",  # meeting.manage, as POST /meetings/{}/directions
    "/meetings/{}/participants",  # meeting.manage, as POST /meetings/{}/directions
    "/organizations/{}/succeed",  # org.manage, as the page orgs:edit
    "/progress/{}/return",  # progress.review, as POST /progress/{}/accept
    "/recommendations/{}/compile",  # recommendation.manage, as the page recommendations:forward
    "/recommendations/{}/decline",  # recommendation.manage, as the page
    "/recommendations/{}/forward",  # recommendation.manage, as the page
    "/recommendations/{}/resolve",  # recommendation.manage, as the page
}
