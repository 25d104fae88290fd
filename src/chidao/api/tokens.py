"""The caller's own API tokens: /api/v1/tokens (administrators: anyone's, by ``user``)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from ninja import Router, Schema, Status

from chidao.api.common import ERRORS, page_of, paginate, ref
from chidao.api.models import ApiToken
from chidao.api.services import do_issue_token, do_revoke_token
from chidao.core.access import can
from chidao.core.selectors import get_visible_or_404

router = Router(tags=["Token API"])


class TokenOut(Schema):
    id: int
    user: int
    name: str
    prefix: str
    created: dt.datetime
    last_used: dt.datetime | None
    revoked: dt.datetime | None

    @staticmethod
    def resolve_user(obj) -> int:
        return obj.user_id


class IssuedOut(TokenOut):
    token: str


class TokenIn(Schema):
    name: str = ""
    user: int | None = None


TokenPage = page_of(TokenOut, "TokenPage")


def _visible_tokens(user):
    if can(user, "user.manage"):
        return ApiToken.objects.all()
    return ApiToken.objects.filter(user_id=user.pk)


@router.get("/tokens", response={200: TokenPage, **ERRORS})
def list_tokens(request, active: bool | None = None, limit: int = 50, offset: int = 0):
    """The caller's tokens (administrators: everyone's). The token itself is never shown."""
    qs = _visible_tokens(request.auth)
    if active is not None:
        qs = qs.filter(revoked__isnull=active)
    return paginate(qs.order_by("-created", "-id"), limit, offset)


@router.post("/tokens", response={201: IssuedOut, **ERRORS})
def issue_token(request, payload: TokenIn):
    """A new token, for the caller (or, for an administrator, for ``user``). The ``token``
    field of the answer is the only time the token is shown: store it."""
    user = request.auth
    if payload.user is not None and payload.user != user.pk:
        user = ref(get_user_model().objects.all(), payload.user, field="user", what="người dùng")
    plaintext, token = do_issue_token(request.auth, user=user, name=payload.name)
    token.token = plaintext  # shown this once, never stored
    return Status(201, token)


@router.post("/tokens/{int:token_id}/revoke", response={200: TokenOut, **ERRORS})
def revoke_token(request, token_id: int):
    token = get_visible_or_404(_visible_tokens(request.auth), token_id, what="token")
    return do_revoke_token(request.auth, token)
