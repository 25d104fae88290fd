"""Which indicators, targets and observations a user may read.

Indicator definitions (name, unit) are read by every signed-in user. Administrators,
leaders and office staff read every target and observation; a unit user reads those of a
body in their scope (their body and the bodies below it).
"""

from __future__ import annotations

from django.db.models import QuerySet

from chidao.core.access import sees_everything, unit_scope_ids
from chidao.core.selectors import get_visible_or_404, is_reader
from chidao.indicators.models import Indicator, Observation, Target


def visible_indicators(user) -> QuerySet[Indicator]:
    if not is_reader(user):
        return Indicator.objects.none()
    return Indicator.objects.all()


def visible_targets(user) -> QuerySet[Target]:
    if not is_reader(user):
        return Target.objects.none()
    if sees_everything(user):
        return Target.objects.all()
    return Target.objects.filter(body_id__in=unit_scope_ids(user))


def visible_observations(user) -> QuerySet[Observation]:
    if not is_reader(user):
        return Observation.objects.none()
    if sees_everything(user):
        return Observation.objects.all()
    return Observation.objects.filter(body_id__in=unit_scope_ids(user))


def get_visible_indicator(user, pk) -> Indicator:
    return get_visible_or_404(visible_indicators(user), pk, what="chỉ tiêu")


def get_visible_target(user, pk) -> Target:
    return get_visible_or_404(visible_targets(user), pk, what="mục tiêu, dự toán")


def get_visible_observation(user, pk) -> Observation:
    return get_visible_or_404(visible_observations(user), pk, what="số liệu chỉ tiêu")
