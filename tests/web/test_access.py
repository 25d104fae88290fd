"""Access on screen: login, throttling, CSRF, classified documents, production settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_and_logout(client, unit_user):
    page = client.get(reverse("login")).content.decode()
    assert 'for="id_username"' in page and 'for="id_password"' in page
    response = client.post(
        reverse("login"), {"username": "caoloc", "password": "mat-khau-thu-nghiem"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_wrong_password_is_refused_in_vietnamese(client, unit_user):
    response = client.post(reverse("login"), {"username": "caoloc", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_login_attempts_are_throttled(client, unit_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "caoloc", "password": "sai"})
    response = client.post(
        reverse("login"), {"username": "caoloc", "password": "mat-khau-thu-nghiem"}
    )
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302  # still not logged in


def test_csrf_is_checked(unit_user):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("login"), {"username": "caoloc", "password": "mat-khau-thu-nghiem"}
    )
    assert response.status_code == 403


def test_classified_documents_only_for_cleared_users(client, orgs, office_user, leader_user):
    from chidao.core.actors import system_actor
    from chidao.documents.services import do_create_document, load_document_types

    load_document_types(system_actor())
    secret = do_create_document(
        system_actor(),
        doc_type="Chỉ thị",
        issuer=orgs["province"],
        excerpt="Tài liệu mật về quốc phòng",
        classification=1,
    )
    top = do_create_document(
        system_actor(),
        doc_type="Chỉ thị",
        issuer=orgs["province"],
        excerpt="Tài liệu tối mật",
        classification=2,
    )
    client.force_login(office_user)
    assert client.get(reverse("documents:detail", args=[secret.pk])).status_code == 404
    assert "Tài liệu mật" not in client.get(reverse("documents:list")).content.decode()
    client.force_login(leader_user)  # cleared for Mật, not for Tối mật
    assert client.get(reverse("documents:detail", args=[secret.pk])).status_code == 200
    assert client.get(reverse("documents:detail", args=[top.pk])).status_code == 404
    # the form offers only the levels the user is cleared for
    client.force_login(office_user)
    form = client.get(reverse("documents:create")).content.decode()
    assert "Tối mật" not in form


def test_roles_see_their_actions(client, orgs, office_user, leader_user, unit_user):
    client.force_login(leader_user)
    page = client.get(reverse("tasks:list")).content.decode()
    assert "Giao nhiệm vụ mới" not in page
    assert client.get(reverse("tasks:create")).status_code == 403
    assert client.get(reverse("ingest:list")).status_code == 403
    client.force_login(unit_user)
    assert client.get(reverse("recommendations:create")).status_code == 403
    assert client.get(reverse("documents:create")).status_code == 403
    client.force_login(office_user)
    assert client.get(reverse("ingest:list")).status_code == 200


def test_static_files_are_served_by_the_app(live_server):
    import urllib.request

    for path in (
        "/static/vendor/htmx-2.0.11.min.js",
        "/static/vendor/chart-4.6.1.umd.min.js",
        "/static/chidao/app.css",
        "/static/chidao/dashboard.js",
    ):
        with urllib.request.urlopen(live_server.url + path) as response:
            assert response.status == 200
            assert len(response.read()) > 100


def test_login_page_over_real_http(live_server):
    import urllib.request

    with urllib.request.urlopen(live_server.url + "/dang-nhap/") as response:
        html = response.read().decode()
        assert response.status == 200 and "Đăng nhập" in html
        assert "csrfmiddlewaretoken" in html


def test_production_settings_pass_check_deploy(tmp_path):
    env = dict(
        os.environ,
        CHIDAO_PRODUCTION="1",
        CHIDAO_DEBUG="0",
        CHIDAO_SECRET_KEY=secrets.token_urlsafe(60)[:50],
        CHIDAO_DATA_DIR=str(tmp_path),
    )
    env.pop("CHIDAO_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "chidao", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
