"""Fixtures shared by every test: a small tree of bodies and one user per role.

Database tests run against a real SQLite file or, with CHIDAO_DATABASE_URL set, a real
PostgreSQL server (see scripts/test).
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from chidao.core.models import Classification, Role


def on_postgres() -> bool:
    return os.environ.get("CHIDAO_DATABASE_URL", "").startswith(("postgres", "postgresql"))


def pytest_collection_modifyitems(config, items):
    if on_postgres():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set CHIDAO_DATABASE_URL)")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def make_user(db):
    from chidao.core.models import User

    def make(username: str, role: str, organization=None, clearance=Classification.NORMAL):
        user = User.objects.create(
            username=username, role=role, organization=organization, clearance=clearance
        )
        user.set_password("mat-khau-thu-nghiem")
        user.save()
        return user

    return make


@pytest.fixture
def orgs(db):
    """Tỉnh ủy (TU) > Huyện ủy Cao Lộc (HU) and Huyện ủy Văn Lãng; Văn phòng Tỉnh ủy; a Sở."""
    from chidao.orgs.models import Organization, OrganizationKind, System

    def org(name, kind, system=System.PARTY, parent=None, symbol=""):
        return Organization.objects.create(
            name=name,
            kind=kind,
            system=system,
            parent=parent,
            symbol=symbol,
            valid_from=dt.date(2020, 10, 1),
        )

    province = org("Tỉnh ủy Lạng Sơn", OrganizationKind.PARTY_COMMITTEE, symbol="TU")
    office = org("Văn phòng Tỉnh ủy", OrganizationKind.PARTY_BOARD, parent=province, symbol="VPTU")
    cao_loc = org(
        "Huyện ủy Cao Lộc", OrganizationKind.PARTY_COMMITTEE, parent=province, symbol="HU"
    )
    van_lang = org(
        "Huyện ủy Văn Lãng", OrganizationKind.PARTY_COMMITTEE, parent=province, symbol="HU"
    )
    finance = org("Sở Tài chính", OrganizationKind.DEPARTMENT, system=System.STATE, symbol="STC")
    return {
        "province": province,
        "office": office,
        "cao_loc": cao_loc,
        "van_lang": van_lang,
        "finance": finance,
    }


@pytest.fixture
def admin_user(make_user):
    return make_user("quantri", Role.ADMIN, clearance=Classification.TOP_SECRET)


@pytest.fixture
def leader_user(make_user, orgs):
    return make_user("lanhdao", Role.LEADER, orgs["province"], clearance=Classification.SECRET)


@pytest.fixture
def office_user(make_user, orgs):
    return make_user("chuyenvien", Role.OFFICE, orgs["office"])


@pytest.fixture
def unit_user(make_user, orgs):
    """A user of Huyện ủy Cao Lộc."""
    return make_user("caoloc", Role.UNIT, orgs["cao_loc"])


@pytest.fixture
def other_unit_user(make_user, orgs):
    """A user of Huyện ủy Văn Lãng: must not act on Cao Lộc's work."""
    return make_user("vanlang", Role.UNIT, orgs["van_lang"])


@pytest.fixture
def audit_count(db):
    from chidao.core.models import AuditEntry

    return lambda: AuditEntry.objects.count()
