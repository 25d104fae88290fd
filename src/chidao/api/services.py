"""The only writers of API tokens.

A token reads ``chidao_<prefix>_<secret>``; the prefix (8 characters) identifies it in
lists and logs, the SHA-256 of the whole token is what is stored and looked up.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from chidao.core import audit
from chidao.core.access import can
from chidao.core.errors import AccessDenied, InvalidTransition, ServiceError
from chidao.core.services import create_audited, locked

TOKEN_PREFIX = "chidao_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _may_manage(actor, user) -> bool:
    """Users manage their own tokens; administrators manage everyone's."""
    own = getattr(actor, "pk", None) is not None and actor.pk == user.pk and actor.is_active
    return own or can(actor, "user.manage")


@transaction.atomic
def do_issue_token(actor, *, user, name: str = ""):
    """A new token for ``user``. Returns ``(token_plaintext, ApiToken)``: the plaintext is
    never stored and cannot be shown again."""
    from chidao.api.models import ApiToken

    if not _may_manage(actor, user):
        raise AccessDenied("Bạn không có quyền cấp token API cho người dùng này.")
    if not user.is_active:
        raise ServiceError("Người dùng đã bị khóa, không cấp token được.", field="user")
    prefix = secrets.token_hex(4)
    plaintext = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        user=user, name=(name or "").strip()[:100], prefix=prefix, key_hash=hash_token(plaintext)
    )
    create_audited(actor, "apitoken.issue", token)
    return plaintext, token


@transaction.atomic
def do_revoke_token(actor, token):
    """Revoke a token: it stops working at once. Revoking twice is refused."""
    from chidao.api.models import ApiToken

    row = locked(ApiToken, token.pk)
    if not _may_manage(actor, row.user):
        raise AccessDenied("Bạn không có quyền thu hồi token API này.")
    if row.revoked is not None:
        raise InvalidTransition(
            f"Token đã bị thu hồi lúc {timezone.localtime(row.revoked):%d/%m/%Y %H:%M}."
        )
    before = audit.snapshot(row)
    row.revoked = timezone.now()
    row.save(update_fields=["revoked"])
    audit.record(actor, "apitoken.revoke", row, before=before)
    return row
