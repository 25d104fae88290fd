"""Tokens for the REST API. Only the SHA-256 of a token is stored; the token itself is
shown once, when it is issued."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField("tên (dùng cho việc gì)", max_length=100, blank=True)
    prefix = models.CharField(
        "tiền tố nhận diện", max_length=16, db_index=True, help_text="Phần đầu của token"
    )
    key_hash = models.CharField("mã băm SHA-256 của token", max_length=64, unique=True)
    created = models.DateTimeField("tạo lúc", auto_now_add=True)
    last_used = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        label = f" ({self.name})" if self.name else ""
        return f"{self.prefix}…{label} — {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked is None
