"""Which meetings a user may read.

Administrators, leaders and office staff read all. A unit user reads a meeting hosted by
a body in their scope, one a body in their scope visited (the delegation), and one that
gave a direction addressed to a body in their scope.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from chidao.core.access import sees_everything, unit_scope_ids
from chidao.core.selectors import get_visible_or_404, is_reader
from chidao.meetings.models import Direction, Meeting


def visible_meetings(user) -> QuerySet[Meeting]:
    if not is_reader(user):
        return Meeting.objects.none()
    if sees_everything(user):
        return Meeting.objects.all()
    scope = unit_scope_ids(user)
    visited = Meeting.visiting_bodies.through.objects.filter(organization_id__in=scope).values(
        "meeting_id"
    )
    directed = Direction.objects.filter(addressed_to_id__in=scope).values("meeting_id")
    return Meeting.objects.filter(Q(host_id__in=scope) | Q(pk__in=visited) | Q(pk__in=directed))


def visible_directions(user) -> QuerySet[Direction]:
    """Directions of the meetings the user reads."""
    if not is_reader(user):
        return Direction.objects.none()
    if sees_everything(user):
        return Direction.objects.all()
    return Direction.objects.filter(meeting__in=visible_meetings(user).values("pk"))


def get_visible_meeting(user, pk) -> Meeting:
    return get_visible_or_404(visible_meetings(user), pk, what="hội nghị, buổi làm việc")
