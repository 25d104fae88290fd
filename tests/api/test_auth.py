"""Tokens: issued and revoked through the services, hashed at rest, checked on every call."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import call_command

from chidao.api.models import ApiToken
from chidao.api.services import do_issue_token, do_revoke_token
from chidao.core.errors import AccessDenied, InvalidTransition

from .conftest import Caller


def test_token_is_stored_only_as_its_hash(office_user, audit_count):
    before = audit_count()
    plaintext, token = do_issue_token(office_user, user=office_user, name="báo cáo")
    assert plaintext.startswith("chidao_") and token.prefix in plaintext
    row = ApiToken.objects.get()
    assert row.key_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    assert plaintext not in str([getattr(row, f.attname) for f in row._meta.concrete_fields])
    assert audit_count() == before + 1


def test_only_the_user_or_an_admin_issues_and_revokes(office_user, unit_user, admin_user):
    with pytest.raises(AccessDenied):
        do_issue_token(office_user, user=unit_user)
    _, token = do_issue_token(admin_user, user=unit_user)
    with pytest.raises(AccessDenied):
        do_revoke_token(office_user, token)
    do_revoke_token(unit_user, token)
    with pytest.raises(InvalidTransition):
        do_revoke_token(admin_user, token)


def test_missing_invalid_and_revoked_tokens_get_401(office_user, orgs):
    assert Caller(None).get("/tasks", expect=401)["detail"]
    assert Caller("chidao_00000000_nope").get("/tasks", expect=401)
    plaintext, token = do_issue_token(office_user, user=office_user)
    good = Caller(plaintext)
    good.get("/tasks", expect=200)
    assert good.last["Content-Type"].startswith("application/json")
    token.refresh_from_db()
    assert token.last_used is not None
    do_revoke_token(office_user, token)
    good.get("/tasks", expect=401)
    assert good.last["WWW-Authenticate"].startswith("Bearer")


def test_a_blocked_user_token_stops_working(office_user):
    plaintext, _ = do_issue_token(office_user, user=office_user)
    office_user.is_active = False
    office_user.save()
    Caller(plaintext).get("/tasks", expect=401)


def test_session_auth_needs_csrf_for_writes(office_user, orgs, settings):
    from django.test import Client

    settings.ROOT_URLCONF = "chidao.urls"  # the CSRF failure page links to the web pages

    client = Client(enforce_csrf_checks=True)
    client.force_login(office_user)
    assert client.get("/api/v1/organizations").status_code == 200
    response = client.post(
        "/api/v1/people", {"full_name": "Hoàng Văn A"}, content_type="application/json"
    )
    assert response.status_code == 403
    client.get("/api/v1/docs")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/people",
        {"full_name": "Hoàng Văn A"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 201, response.content


def test_apitoken_command_prints_a_working_token(office_user):
    out, err = io.StringIO(), io.StringIO()
    call_command("apitoken", office_user.username, "--name", "tích hợp", stdout=out, stderr=err)
    plaintext = out.getvalue().strip()
    assert ApiToken.objects.get().name == "tích hợp"
    Caller(plaintext).get("/organizations", expect=200)


def test_apitoken_command_unknown_user(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("apitoken", "khong-co", stdout=io.StringIO(), stderr=io.StringIO())


def test_token_endpoints(office_user, unit_user, caller):
    me = caller(office_user)
    issued = me.post("/tokens", {"name": "máy in báo cáo"}, expect=201)
    assert issued["token"].startswith("chidao_") and issued["user"] == office_user.pk
    fresh = Caller(issued["token"])
    listed = fresh.get("/tokens")
    assert listed["count"] == 2 and all("token" not in t for t in listed["items"])
    # Not an administrator: no token for someone else, and others' tokens are invisible.
    me.post("/tokens", {"user": unit_user.pk}, expect=403)
    theirs = caller(unit_user).get("/tokens")["items"][0]
    me.post(f"/tokens/{theirs['id']}/revoke", expect=404)
    revoked = me.post(f"/tokens/{issued['id']}/revoke")
    assert revoked["revoked"] is not None
    fresh.get("/tokens", expect=401)
    assert me.get("/tokens", active="true")["count"] == 1


def test_admin_issues_for_another_user(admin_user, unit_user, caller):
    issued = caller(admin_user).post("/tokens", {"user": unit_user.pk, "name": "x"}, expect=201)
    assert issued["user"] == unit_user.pk
    Caller(issued["token"]).get("/tasks", expect=200)


def test_admin_revokes_in_the_admin(admin_user, office_user, settings):
    from django.test import Client

    settings.ROOT_URLCONF = "chidao.urls"
    _, token = do_issue_token(admin_user, user=office_user)
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    response = client.post(
        "/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]}
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked is not None
