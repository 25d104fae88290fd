"""Read-side helpers shared by the apps' ``selectors`` modules.

Every list and every detail page or API endpoint reads through a ``visible_*(user)``
queryset of its app; a record outside it does not exist for that user (404, not 403:
a unit user must not learn that another body's task exists).
"""

from __future__ import annotations

from django.db.models import Model, QuerySet

from chidao.core.access import _role
from chidao.core.errors import NotFound


def is_reader(user) -> bool:
    """An authenticated, active user with a role (any role may read something)."""
    return _role(user) is not None


def get_visible_or_404(queryset: QuerySet, pk, *, what: str = "bản ghi") -> Model:
    """The record ``pk`` of a ``visible_*`` queryset, else NotFound (also for a bad id)."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"Không tìm thấy {what} (mã {pk}) hoặc bạn không có quyền xem.") from None
