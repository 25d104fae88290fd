"""Base mixins, the user with role and clearance, and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị"
    LEADER = "leader", "Lãnh đạo"
    OFFICE = "office", "Chuyên viên văn phòng"
    UNIT = "unit", "Đơn vị"


class Classification(models.IntegerChoices):
    """Security classification of a document, and a user's clearance (the highest level seen)."""

    NORMAL = 0, "Thường"
    SECRET = 1, "Mật"
    TOP_SECRET = 2, "Tối mật"


class TimeStamped(models.Model):
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    # Incremented by every service update; a form carries the version it read, so a
    # second editor working from a stale copy gets a conflict instead of overwriting.
    version = models.PositiveIntegerField("phiên bản", default=1)

    class Meta:
        abstract = True


class User(AbstractUser):
    role = models.CharField("vai trò", max_length=16, choices=Role.choices, default=Role.OFFICE)
    organization = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan, đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    clearance = models.IntegerField(
        "được xem tài liệu", choices=Classification.choices, default=Classification.NORMAL
    )

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class AuditEntry(models.Model):
    """Who changed what, when, with the values before and after. Written only by services."""

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    action = models.CharField("thao tác", max_length=64, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name="loại bản ghi", on_delete=models.PROTECT
    )
    object_id = models.CharField("mã bản ghi", max_length=64)
    object_repr = models.CharField("bản ghi", max_length=300)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.object_repr}"


class SearchEntry(models.Model):
    """One record in the full-text index (see :mod:`chidao.core.search`).

    ``text`` is the title and body folded without diacritics or case ("chi thi so 10-ct/tw");
    SQLite indexes it with FTS5, PostgreSQL with a GIN index on ``to_tsvector``.
    """

    kind = models.CharField("loại", max_length=32)
    object_id = models.BigIntegerField("mã bản ghi")
    title = models.CharField("tiêu đề", max_length=500)
    text = models.TextField("nội dung đã bỏ dấu")

    class Meta:
        verbose_name = "mục tìm kiếm"
        verbose_name_plural = "mục tìm kiếm"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}: {self.title[:80]}"
