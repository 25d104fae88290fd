"""Who may read which bodies, people and positions.

The tree of bodies is not secret: every signed-in user reads all of it (a unit user must
be able to pick the body a recommendation is addressed to). Anonymous users read nothing.
"""

from __future__ import annotations

from django.db.models import QuerySet

from chidao.core.selectors import get_visible_or_404, is_reader
from chidao.orgs.models import Organization, Person, Position


def visible_organizations(user) -> QuerySet[Organization]:
    if not is_reader(user):
        return Organization.objects.none()
    return Organization.objects.all()


def visible_people(user) -> QuerySet[Person]:
    if not is_reader(user):
        return Person.objects.none()
    return Person.objects.all()


def visible_positions(user) -> QuerySet[Position]:
    if not is_reader(user):
        return Position.objects.none()
    return Position.objects.all()


def get_visible_organization(user, pk) -> Organization:
    return get_visible_or_404(visible_organizations(user), pk, what="cơ quan, tổ chức")


def get_visible_person(user, pk) -> Person:
    return get_visible_or_404(visible_people(user), pk, what="cán bộ")
