"""Reminder rules, notifications and deliveries (see docs/reminders.md).

- ``ReminderRule``: when to remind, per body (a row without a body is the default for
  all bodies; with no row at all the values of ``defaults.yaml`` apply).
- ``UserPreference``: single e-mails or a daily digest, e-mail on or off.
- ``Notification``: one reminder for one user, shown in the app and e-mailed. Its
  ``dedupe_key`` is unique per recipient, so the same reminder is never created twice.
- ``Digest``: the daily digest e-mail of one user for one day, recorded so it is sent once.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Coalesce

from chidao.core.models import TimeStamped


class ReminderRule(TimeStamped):
    body = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan, đơn vị",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminder_rules",
        help_text="Để trống: quy tắc chung cho mọi cơ quan chưa có quy tắc riêng",
    )
    days_before = models.PositiveSmallIntegerField(
        "nhắc trước hạn nhiệm vụ (ngày)",
        default=3,
        validators=[MaxValueValidator(365)],
        help_text="0: không nhắc trước hạn",
    )
    on_due_day = models.BooleanField("nhắc vào ngày đến hạn", default=True)
    overdue_every = models.PositiveSmallIntegerField(
        "khi quá hạn, nhắc lại sau mỗi (ngày)",
        default=7,
        validators=[MaxValueValidator(365)],
        help_text="0: không nhắc khi quá hạn",
    )
    recommendation_days_before = models.PositiveSmallIntegerField(
        "nhắc trước hạn trả lời kiến nghị (ngày)",
        default=3,
        validators=[MaxValueValidator(365)],
        help_text="0: không nhắc trước hạn",
    )
    review_wait_days = models.PositiveSmallIntegerField(
        "nhắc văn phòng khi báo cáo tiến độ chờ duyệt quá (ngày)",
        default=2,
        validators=[MaxValueValidator(365)],
    )
    enabled = models.BooleanField("bật nhắc việc", default=True)

    class Meta:
        verbose_name = "quy tắc nhắc việc"
        verbose_name_plural = "quy tắc nhắc việc"
        ordering = ["body__name", "id"]
        constraints = [
            # One rule per body, and one default (body empty): NULLs are made 0 for the key.
            models.UniqueConstraint(
                Coalesce("body", models.Value(0), output_field=models.BigIntegerField()),
                name="unique_reminder_rule_per_body",
                violation_error_message="Cơ quan này đã có quy tắc nhắc việc: hãy sửa quy tắc đó.",
            ),
        ]

    def __str__(self) -> str:
        return f"Quy tắc nhắc việc: {self.body or 'mặc định'}"


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", "Gửi từng thông báo"
    DAILY = "daily", "Tổng hợp một thư mỗi ngày"


class UserPreference(TimeStamped):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="reminder_preference",
    )
    digest = models.CharField(
        "cách nhận thư", max_length=16, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    email_enabled = models.BooleanField("nhận thông báo qua thư điện tử", default=True)

    class Meta:
        verbose_name = "cài đặt nhận thông báo"
        verbose_name_plural = "cài đặt nhận thông báo"

    def __str__(self) -> str:
        return f"{self.user}: {self.get_digest_display()}"


class EmailState(models.TextChoices):
    PENDING = "pending", "Chờ gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi lỗi"
    SKIPPED = "skipped", "Không gửi thư"


class Kind(models.TextChoices):
    TASK_BEFORE = "task_before", "Nhiệm vụ sắp đến hạn"
    TASK_DUE = "task_due", "Nhiệm vụ đến hạn hôm nay"
    TASK_OVERDUE = "task_overdue", "Nhiệm vụ quá hạn"
    RECOMMENDATION_BEFORE = "recommendation_before", "Kiến nghị sắp đến hạn trả lời"
    RECOMMENDATION_OVERDUE = "recommendation_overdue", "Kiến nghị quá hạn trả lời"
    REVIEW_WAIT = "review_wait", "Báo cáo tiến độ chờ duyệt"


class Digest(TimeStamped):
    """The daily digest e-mail of one user for one day."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="reminder_digests",
    )
    day = models.DateField("ngày")
    email_state = models.CharField(
        "tình trạng thư", max_length=16, choices=EmailState.choices, default=EmailState.PENDING
    )
    email_attempts = models.PositiveIntegerField("số lần gửi", default=0)
    last_error = models.TextField("lỗi lần gửi cuối", blank=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "thư tổng hợp"
        verbose_name_plural = "thư tổng hợp"
        ordering = ["-day", "recipient"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="unique_digest_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.recipient} — {self.day:%d/%m/%Y}"


class Notification(TimeStamped):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField("loại", max_length=32, choices=Kind.choices)
    subject = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    link = models.CharField("đường dẫn", max_length=500, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="loại bản ghi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    object_id = models.CharField("mã bản ghi", max_length=64, blank=True)
    due_on = models.DateField("thời hạn", null=True, blank=True)
    dedupe_key = models.CharField("khóa chống trùng", max_length=200)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    email_state = models.CharField(
        "tình trạng thư",
        max_length=16,
        choices=EmailState.choices,
        default=EmailState.PENDING,
        db_index=True,
    )
    email_attempts = models.PositiveIntegerField("số lần gửi thư", default=0)
    last_error = models.TextField("lỗi lần gửi cuối", blank=True)
    sent_at = models.DateTimeField("gửi thư lúc", null=True, blank=True)
    digest = models.ForeignKey(
        Digest,
        verbose_name="gửi trong thư tổng hợp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    # Set by the runner that is sending it, so two overlapping runs never send one twice.
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], name="unique_notification_per_recipient"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
