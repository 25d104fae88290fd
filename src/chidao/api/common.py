"""Pieces every domain router uses: the error body, pagination, references by id."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Schema
from pydantic import create_model

from chidao.core.errors import ServiceError

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 2**31 - 1  # beyond it the database cannot take the OFFSET (was a 500)


class ErrorOut(Schema):
    detail: str
    field: str | None = None


# Declared on every operation, so the OpenAPI document lists the errors it may return.
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """The schema of one page of a list: ``{"count", "limit", "offset", "items"}``."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, ...),
        limit=(int, ...),
        offset=(int, ...),
        items=(list[item], ...),
    )


def paginate(qs: QuerySet, limit: int, offset: int) -> dict[str, Any]:
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, min(int(offset), MAX_OFFSET))
    try:
        return {
            "count": qs.count(),
            "limit": limit,
            "offset": offset,
            "items": list(qs[offset : offset + limit]),
        }
    except (OverflowError, ValueError):
        # a filter number the database cannot take (an id past 64 bits, year 10**30): was a 500
        raise ServiceError("Giá trị lọc nằm ngoài phạm vi cho phép.") from None


def ref(qs: QuerySet, pk: Any, *, field: str, what: str):
    """The record ``pk`` of ``qs`` (a ``visible_*`` queryset) named in a request body,
    else a 400 naming the field; None stays None."""
    if pk is None:
        return None
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise ServiceError(f"Không tìm thấy {what} mã {pk}.", field=field) from None


def refs(qs: QuerySet, pks: list | None, *, field: str, what: str) -> list | None:
    if pks is None:
        return None
    return [ref(qs, pk, field=field, what=what) for pk in pks]


def set_fields(payload: Schema, *, exclude: set[str] = frozenset({"version"})) -> dict[str, Any]:
    """The fields the client actually sent (PATCH semantics)."""
    return {k: v for k, v in payload.dict(exclude_unset=True).items() if k not in exclude}


def ids(manager) -> list[int]:
    """Ids of a many-to-many relation, using a prefetch when there is one."""
    return sorted(obj.pk for obj in manager.all())
