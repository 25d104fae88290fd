"""The REST API, version 1: ``/api/v1/``.

Every endpoint needs a caller: a Bearer token (``Authorization: Bearer chidao_…``, see
``chidao apitoken``) or the signed-in web session (for the docs page; writes need the CSRF
token). Lists read through the apps' ``selectors``; writes go through their services, so
the API refuses exactly what the pages refuse. Errors are ``{"detail", "field"}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.renderers import JSONRenderer

from chidao.api.auth import session_auth, token_auth
from chidao.api.common import ERRORS
from chidao.core.errors import AccessDenied, Conflict, InvalidTransition, NotFound, ServiceError


class Utf8JSONRenderer(JSONRenderer):
    """JSON with Vietnamese letters as they are ("Huyện ủy"), not ``\\u`` escapes."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="chidao API",
    version="1",
    description=(
        "API của chidao — hệ thống theo dõi chỉ đạo, điều hành. "
        "Xác thực: `Authorization: Bearer <token>` (cấp bằng `chidao apitoken TÊN_ĐĂNG_NHẬP`)."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    auth=[token_auth, session_auth],
    renderer=Utf8JSONRenderer(),
)


def _status_of(error: ServiceError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, AccessDenied):
        return 403
    if isinstance(error, Conflict | InvalidTransition):
        return 409
    return 400


@api.exception_handler(ServiceError)
def service_error(request, exc: ServiceError):
    """One mapping for every refusal of a service or a selector."""
    return api.create_response(
        request, {"detail": exc.message, "field": exc.field}, status=_status_of(exc)
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    response = api.create_response(
        request,
        {"detail": "Cần đăng nhập: gửi token API trong tiêu đề Authorization: Bearer <token>."},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="chidao"'
    return response


def _too_large(request, exc=None):
    limit = settings.CHIDAO_MAX_UPLOAD_BYTES
    return api.create_response(
        request,
        {
            "detail": f"Dữ liệu gửi lên vượt quá giới hạn {limit:,} byte.".replace(",", "."),
            "field": "text",
        },
        status=413,
    )


api.add_exception_handler(RequestDataTooBig, _too_large)


# --------------------------------------------------------------------------- extraction


class ExtractIn(Schema):
    text: str
    publication_date: dt.date | None = None
    name: str | None = None


@api.post(
    "/extract", response={200: dict[str, Any], 413: dict[str, Any], **ERRORS}, tags=["Trích xuất"]
)
def extract(request, payload: ExtractIn):
    """The facts of a text (``chidao.facts/1``, as ``chidao extract --json`` prints them).

    ``publication_date`` resolves dates written without a year. Nothing is stored.
    """
    from chidao.extraction.pipeline import extract as run

    if len(payload.text.encode("utf-8", "surrogatepass")) > settings.CHIDAO_MAX_UPLOAD_BYTES:
        return _too_large(request)
    if not payload.text.strip():
        raise ServiceError("Văn bản rỗng, không có gì để trích xuất.", field="text")
    return run(
        payload.text, publication_date=payload.publication_date, path=payload.name or "<api>"
    )


# --------------------------------------------------------------------------- domain routers


def _mount() -> None:
    from chidao.api.tokens import router as tokens
    from chidao.documents.api import router as documents
    from chidao.indicators.api import router as indicators
    from chidao.meetings.api import router as meetings
    from chidao.orgs.api import router as orgs
    from chidao.recommendations.api import router as recommendations
    from chidao.tasks.api import router as tasks

    for router in (orgs, documents, meetings, tasks, recommendations, indicators, tokens):
        api.add_router("", router)


_mount()
