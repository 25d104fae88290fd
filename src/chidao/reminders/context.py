"""The unread count for the bell in the top bar: one COUNT query, only when a page shows it."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject


def unread_count(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from chidao.reminders.models import Notification

        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

    return {"reminders_unread": SimpleLazyObject(count)}
