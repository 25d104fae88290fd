"""Who is calling the API: a Bearer token (``Authorization: Bearer chidao_…``) or, for the
browsable docs page, the signed-in web session (with Django's CSRF check on writes)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

# ``last_used`` is written at most once a minute per token, not on every request.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        from chidao.api.models import ApiToken
        from chidao.api.services import hash_token

        if not token or len(token) > 200:
            return None
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), revoked__isnull=True)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used is None or now - found.last_used > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=found.pk).update(last_used=now)
        request.user = found.user
        request.api_token = found
        return found.user


class WebSessionAuth(SessionAuth):
    """The web session, active users only; CSRF is checked for unsafe methods."""

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


token_auth = TokenAuth()
session_auth = WebSessionAuth()
