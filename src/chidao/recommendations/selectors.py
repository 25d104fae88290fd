"""Which recommendations a user may read.

Administrators, leaders and office staff read all. A unit user reads a recommendation
raised by, addressed to, or forwarded to a body in their scope (their body and the bodies
below it), with its routing steps and responses.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from chidao.core.access import sees_everything, unit_scope_ids
from chidao.core.selectors import get_visible_or_404, is_reader
from chidao.recommendations.models import Recommendation, RoutingStep, StepKind


def visible_recommendations(user) -> QuerySet[Recommendation]:
    if not is_reader(user):
        return Recommendation.objects.none()
    if sees_everything(user):
        return Recommendation.objects.all()
    scope = unit_scope_ids(user)
    forwarded = RoutingStep.objects.filter(kind=StepKind.FORWARDED, to_body_id__in=scope).values(
        "recommendation_id"
    )
    return Recommendation.objects.filter(
        Q(raised_by_id__in=scope) | Q(addressed_to_id__in=scope) | Q(pk__in=forwarded)
    )


def get_visible_recommendation(user, pk) -> Recommendation:
    return get_visible_or_404(visible_recommendations(user), pk, what="kiến nghị")
