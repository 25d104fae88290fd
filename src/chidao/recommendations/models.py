"""Recommendations (kiến nghị) raised to the level above, their routing and the answers.

The allowed moves between statuses are data in :mod:`chidao.recommendations.states`.
``due_on`` holds the due date of the latest forwarding, so "overdue" (forwarded, not
answered, due date passed) is one indexed filter.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from chidao.core.models import TimeStamped
from chidao.recommendations.states import CLOSED, STATUS_CHOICES, RecStatus


class RecommendationQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[str(s) for s in CLOSED])

    def overdue(self, today: dt.date | None = None):
        """Forwarded, not answered, and the due date has passed (the due day itself is not)."""
        day = today or timezone.localdate()
        return self.filter(status=RecStatus.FORWARDED, due_on__lt=day)


class Recommendation(TimeStamped):
    text = models.TextField("nội dung kiến nghị")
    raised_by = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan kiến nghị",
        on_delete=models.PROTECT,
        related_name="recommendations_raised",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="nêu tại",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    addressed_to = models.ForeignKey(
        "orgs.Organization",
        verbose_name="kiến nghị với",
        on_delete=models.PROTECT,
        related_name="recommendations_received",
    )
    received_on = models.DateField("ngày tiếp nhận")
    status = models.CharField(
        "trạng thái",
        max_length=16,
        choices=STATUS_CHOICES,
        default=RecStatus.RECEIVED.value,
        db_index=True,
        editable=False,
    )
    due_on = models.DateField(
        "hạn trả lời",
        null=True,
        blank=True,
        editable=False,
        help_text="Hạn của lần chuyển xử lý gần nhất",
    )
    closed_on = models.DateField("ngày kết thúc", null=True, blank=True, editable=False)
    closing_note = models.TextField("kết quả, lý do không giải quyết", blank=True, editable=False)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = "kiến nghị"
        verbose_name_plural = "kiến nghị"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.text[:200]

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED

    def is_overdue(self, today: dt.date | None = None) -> bool:
        day = today or timezone.localdate()
        return self.status == RecStatus.FORWARDED and self.due_on is not None and self.due_on < day

    def forwarded_to_ids(self) -> set[int]:
        return set(
            self.routing_steps.filter(kind=StepKind.FORWARDED).values_list("to_body_id", flat=True)
        )


class StepKind(models.TextChoices):
    COMPILED = "compiled", "Tổng hợp"
    FORWARDED = "forwarded", "Chuyển xử lý"


class RoutingStep(TimeStamped):
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name="kiến nghị",
        on_delete=models.CASCADE,
        related_name="routing_steps",
    )
    kind = models.CharField("bước", max_length=16, choices=StepKind.choices)
    by_body = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan thực hiện",
        on_delete=models.PROTECT,
        related_name="recommendation_steps_made",
    )
    to_body = models.ForeignKey(
        "orgs.Organization",
        verbose_name="chuyển đến (ngành)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_steps_received",
    )
    due_on = models.DateField("hạn trả lời", null=True, blank=True)
    at = models.DateField("ngày")
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "bước xử lý kiến nghị"
        verbose_name_plural = "bước xử lý kiến nghị"
        ordering = ["recommendation", "at", "id"]

    def __str__(self) -> str:
        target = f" → {self.to_body}" if self.to_body_id else ""
        return f"{self.get_kind_display()}: {self.by_body}{target} ({self.at:%d/%m/%Y})"


class Response(TimeStamped):
    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name="kiến nghị",
        on_delete=models.CASCADE,
        related_name="responses",
    )
    from_body = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan trả lời",
        on_delete=models.PROTECT,
        related_name="recommendation_responses",
    )
    text = models.TextField("nội dung trả lời")
    answered_on = models.DateField("ngày trả lời")
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người cập nhật",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendation_responses",
    )

    class Meta:
        verbose_name = "trả lời kiến nghị"
        verbose_name_plural = "trả lời kiến nghị"
        ordering = ["recommendation", "answered_on", "id"]

    def __str__(self) -> str:
        return f"{self.from_body} ({self.answered_on:%d/%m/%Y}): {self.text[:100]}"
