"""Who may read which bodies, people and positions.

The tree of bodies is not secret: every signed-in user reads all of it (a unit user must
be able to pick the body a recommendation is addressed to). Anonymous users read nothing.
"""

from __future__ import annotations

from django.db.models import Exists, Model, OuterRef, QuerySet

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


def bodies_referred_to(model: type[Model], field: str) -> QuerySet[Organization]:
    """Bodies that ``model.field`` points to at least once, for the filters of a register.

    One EXISTS probe per body on the foreign key's index: a join over every row followed by
    DISTINCT costs seconds at a million tasks.
    """
    used = model._default_manager.filter(**{field: OuterRef("pk")})
    return Organization.objects.filter(Exists(used)).order_by("name")
