"""Fixtures of the web tests: the Cao Lộc records (the demo dataset) and users on
the reference bodies; the ``browser`` marker for the Playwright tests."""

from __future__ import annotations

import pytest

from chidao.core.models import Classification, Role

PASSWORD = "mat-khau-thu-nghiem"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives Debian's Chromium headless with Playwright (slow)"
    )


@pytest.fixture
def cao_loc_data(db):
    """Reference data, document types and the Cao Lộc records; returns the bodies by name."""
    from chidao.core.actors import system_actor
    from chidao.demo.dataset import load_all
    from chidao.orgs.models import Organization

    load_all(system_actor())
    return {o.name: o for o in Organization.objects.all()}


@pytest.fixture
def web_users(cao_loc_data):
    """One user per role on the reference bodies, and a unit user of another district."""
    from chidao.core.actors import system_actor
    from chidao.core.models import User
    from chidao.orgs.services import do_create_organization

    orgs = cao_loc_data
    other = orgs.get("Huyện ủy Văn Lãng") or do_create_organization(
        system_actor(),
        name="Huyện ủy Văn Lãng",
        kind="party_committee",
        system="party",
        parent=orgs["Tỉnh ủy Lạng Sơn"],
        symbol="HU",
    )

    def make(username, role, org=None, clearance=Classification.NORMAL):
        user = User.objects.create(
            username=username, role=role, organization=org, clearance=clearance
        )
        user.set_password(PASSWORD)
        user.save()
        return user

    return {
        "admin": make("w-quantri", Role.ADMIN, clearance=Classification.TOP_SECRET),
        "leader": make("w-lanhdao", Role.LEADER, orgs["Tỉnh ủy Lạng Sơn"], Classification.SECRET),
        "office": make("w-vanphong", Role.OFFICE, orgs["Văn phòng Tỉnh ủy Lạng Sơn"]),
        "unit": make("w-caoloc", Role.UNIT, orgs["Huyện ủy Cao Lộc"]),
        "other_unit": make("w-vanlang", Role.UNIT, other),
        "other_org": other,
    }
