"""The actor used by commands and imports run by the machine, not by a person."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from chidao.core.models import Classification, Role

SYSTEM_USERNAME = "system"


def system_actor():
    """The 'system' administrator that command-line jobs act as (it cannot log in)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "role": Role.ADMIN,
            "clearance": Classification.TOP_SECRET,
            "first_name": "Hệ thống",
            "is_active": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
