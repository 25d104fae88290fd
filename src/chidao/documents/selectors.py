"""Which documents a user may read.

Two rules, both always applied:

1. Clearance: a document classified above the user's clearance is never visible
   (``core.access.cleared_for``; unclassified documents pass for every signed-in user).
2. Scope, for unit users only (administrators, leaders and office staff read every
   document they are cleared for). A unit user reads:

   - documents issued by a body in their scope (their body and the bodies below it);
   - documents tied to their own work: the origin document of a task they read, the
     conclusion and the documents presented of a meeting they read (up to clearance);
   - unclassified documents from above: issued by a body above theirs (their parent
     chain) or by a central body (``OrganizationKind.CENTRAL``: Chỉ thị 10-CT/TW ...).

   A classified document of a neighbouring or higher body that is not tied to their
   work is not visible to a unit user, whatever their clearance.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from chidao.core.access import cleared_for, sees_everything, unit_scope_ids
from chidao.core.models import Classification
from chidao.core.selectors import get_visible_or_404, is_reader
from chidao.documents.models import Document, DocumentLink
from chidao.orgs.models import Organization, OrganizationKind


def cleared_levels(user) -> list[int]:
    return [level for level in Classification.values if cleared_for(user, level)]


def _ancestor_ids(org_id: int | None) -> set[int]:
    found: set[int] = set()
    current = org_id
    while current is not None and current not in found:
        found.add(current)
        current = (
            Organization.objects.filter(pk=current).values_list("parent_id", flat=True).first()
        )
    if org_id is not None:
        found.discard(org_id)
    return found


def visible_documents(user) -> QuerySet[Document]:
    if not is_reader(user):
        return Document.objects.none()
    cleared = Document.objects.filter(classification__in=cleared_levels(user))
    if sees_everything(user):
        return cleared
    from chidao.meetings.selectors import visible_meetings
    from chidao.tasks.selectors import visible_tasks

    scope = unit_scope_ids(user)
    meetings = visible_meetings(user)
    presented = Document.meetings_presented.through.objects.filter(
        meeting_id__in=meetings.values("pk")
    ).values("document_id")
    tied = (
        Q(issuer_id__in=scope)
        | Q(
            pk__in=visible_tasks(user)
            .exclude(origin_document__isnull=True)
            .values("origin_document_id")
        )
        | Q(pk__in=meetings.exclude(conclusion__isnull=True).values("conclusion_id"))
        | Q(pk__in=presented)
    )
    from_above = Q(classification=Classification.NORMAL) & (
        Q(issuer_id__in=_ancestor_ids(user.organization_id))
        | Q(issuer__kind=OrganizationKind.CENTRAL)
    )
    return cleared.filter(tied | from_above)


def visible_document_links(user) -> QuerySet[DocumentLink]:
    """Links whose both ends the user reads."""
    docs = visible_documents(user).values("pk")
    return DocumentLink.objects.filter(source__in=docs, target__in=docs)


def get_visible_document(user, pk) -> Document:
    return get_visible_or_404(visible_documents(user), pk, what="văn bản")
