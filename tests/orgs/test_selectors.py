"""Every signed-in user reads the tree of bodies; anonymous users read nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from chidao.core.errors import NotFound
from chidao.orgs import selectors


def test_every_user_reads_every_body(orgs, unit_user, office_user):
    assert selectors.visible_organizations(unit_user).count() == len(orgs)
    assert selectors.get_visible_organization(unit_user, orgs["van_lang"].pk) == orgs["van_lang"]
    assert selectors.visible_people(office_user).count() == 0


def test_anonymous_reads_nothing(orgs):
    assert selectors.visible_organizations(AnonymousUser()).count() == 0
    with pytest.raises(NotFound):
        selectors.get_visible_organization(AnonymousUser(), orgs["province"].pk)
