"""Shared service helpers and the services of the core app (users, admin edits).

Every write in chidao is a service function: it checks the actor's rights, runs in one
transaction and writes an audit entry. Domain apps build on ``save_changes`` below.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction

from chidao.core import audit
from chidao.core.access import require
from chidao.core.errors import Conflict, ServiceError
from chidao.core.models import Classification, Role


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
    return " ".join(error.messages)


def full_clean_or_refuse(instance: models.Model, **kwargs) -> None:
    """Run model validation and turn its errors into a ServiceError for the screen."""
    try:
        instance.full_clean(**kwargs)
    except ValidationError as error:
        raise ServiceError(f"Dữ liệu không hợp lệ: {validation_message(error)}") from error


def create_audited(actor, action: str, instance: models.Model, *, note: str = "") -> models.Model:
    """Validate, insert and audit a new record. Call inside the service's transaction."""
    full_clean_or_refuse(instance)
    instance.save(force_insert=True)
    audit.record(actor, action, instance, before=None, note=note)
    return instance


def save_changes(
    actor,
    action: str,
    instance: models.Model,
    changes: dict[str, Any],
    *,
    expected_version: int | None = None,
    note: str = "",
) -> models.Model:
    """Apply ``changes`` to a record with a version check and an audit entry.

    Call inside the service's transaction, on a row read with ``select_for_update``.
    """
    if expected_version is not None and getattr(instance, "version", None) != expected_version:
        raise Conflict(
            "Bản ghi đã được người khác sửa sau khi bạn mở nó. "
            "Hãy tải lại trang để xem thay đổi mới rồi sửa lại."
        )
    before = audit.snapshot(instance)
    for name, value in changes.items():
        setattr(instance, name, value)
    if hasattr(instance, "version"):
        instance.version += 1
    full_clean_or_refuse(instance)
    instance.save()
    audit.record(actor, action, instance, before=before, note=note)
    return instance


def locked(model: type[models.Model], pk) -> models.Model:
    """Read one row for update (a no-op lock on SQLite, whose write lock is taken at BEGIN)."""
    return model.objects.select_for_update().get(pk=pk)


@transaction.atomic
def do_create_user(
    actor,
    *,
    username: str,
    password: str | None,
    role: str = Role.OFFICE,
    organization=None,
    clearance: int = Classification.NORMAL,
    full_name: str = "",
):
    require(actor, "user.manage")
    user_model = get_user_model()
    if user_model.objects.filter(username=username).exists():
        raise ServiceError(f"Tên đăng nhập '{username}' đã có.", field="username")
    if role == Role.UNIT and organization is None:
        raise ServiceError("Người dùng của đơn vị phải thuộc một cơ quan, đơn vị.")
    user = user_model(username=username, role=role, organization=organization, clearance=clearance)
    if full_name:
        user.first_name = full_name
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    create_audited(actor, "user.create", user)
    return user


@transaction.atomic
def do_admin_save(actor, instance: models.Model, *, is_new: bool) -> models.Model:
    """An edit made in Django's admin: allowed to administrators, audited like any other."""
    require(actor, "admin.edit")
    if is_new:
        instance.save()
        audit.record(actor, "admin.create", instance)
        return instance
    previous = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    before = audit.snapshot(previous)
    if hasattr(instance, "version"):
        instance.version = previous.version + 1
    instance.save()
    audit.record(actor, "admin.update", instance, before=before)
    return instance


@transaction.atomic
def do_admin_delete(actor, instance: models.Model) -> None:
    require(actor, "admin.edit")
    before = audit.snapshot(instance)
    audit.record(actor, "admin.delete", instance, before=before, after={})
    instance.delete()
