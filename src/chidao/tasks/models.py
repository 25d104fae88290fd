"""Key tasks in groups, their progress timeline, and a status refreshed by the services.

The status rules live in :mod:`chidao.tasks.status`; the stored ``status`` is what
dashboards filter on, and ``do_refresh_statuses`` brings it up to date every night.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from chidao.core.models import TimeStamped
from chidao.tasks.status import COMPLETED, STATUS_CHOICES, TaskStatus


class TaskGroup(TimeStamped):
    """A group of key tasks of a body for a year, approved by the level above."""

    name = models.CharField("tên nhóm nhiệm vụ", max_length=500)
    approving_body = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan phê duyệt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_groups_approved",
        help_text="Ví dụ: Ban Thường vụ Tỉnh ủy",
    )
    owner = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan thực hiện",
        on_delete=models.PROTECT,
        related_name="task_groups",
    )
    year = models.PositiveSmallIntegerField(
        "năm", validators=[MinValueValidator(1945), MaxValueValidator(2200)]
    )
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "nhóm nhiệm vụ"
        verbose_name_plural = "nhóm nhiệm vụ"
        ordering = ["owner", "-year", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class TaskQuerySet(models.QuerySet):
    def open(self):
        """Tasks not completed."""
        return self.filter(completed_on__isnull=True)

    def with_status(self, *statuses):
        return self.filter(status__in=[str(s) for s in statuses])

    def for_body_year(self, body, year: int):
        """The key tasks of ``body`` for ``year``: those in its groups of that year."""
        return self.filter(group__owner=body, group__year=year)


class Task(TimeStamped):
    group = models.ForeignKey(
        TaskGroup,
        verbose_name="nhóm nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    title = models.CharField("tên nhiệm vụ", max_length=500)
    description = models.TextField("nội dung", blank=True)
    origin_document = models.ForeignKey(
        "documents.Document",
        verbose_name="văn bản giao nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    origin_direction = models.ForeignKey(
        "meetings.Direction",
        verbose_name="ý kiến chỉ đạo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    approving_body = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan phê duyệt, giao",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks_approved",
    )
    lead_unit = models.ForeignKey(
        "orgs.Organization",
        verbose_name="đơn vị chủ trì",
        on_delete=models.PROTECT,
        related_name="tasks_led",
    )
    co_units = models.ManyToManyField(
        "orgs.Organization",
        verbose_name="đơn vị phối hợp",
        blank=True,
        related_name="tasks_cooperating",
    )
    deadline = models.DateField(
        "thời hạn", null=True, blank=True, help_text="Để trống nếu không có thời hạn"
    )
    weight = models.DecimalField(
        "trọng số",
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    progress = models.PositiveSmallIntegerField(
        "tiến độ (%)", default=0, validators=[MaxValueValidator(100)]
    )
    started_on = models.DateField("ngày bắt đầu", null=True, blank=True)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    status = models.CharField(
        "trạng thái",
        max_length=24,
        choices=STATUS_CHOICES,
        default=TaskStatus.NOT_STARTED.value,
        db_index=True,
        editable=False,
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["group__order", "deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100),
                name="task_progress_at_most_100",
                violation_error_message="Tiến độ phải từ 0 đến 100%.",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:200]

    @property
    def is_open(self) -> bool:
        return self.completed_on is None

    @property
    def is_completed(self) -> bool:
        return self.status in COMPLETED


class ProgressState(models.TextChoices):
    SUBMITTED = "submitted", "Chờ duyệt"
    ACCEPTED = "accepted", "Đã duyệt"
    RETURNED = "returned", "Trả lại"


class ProgressUpdate(TimeStamped):
    """One progress report of a task: the unit submits, the office accepts or returns it."""

    task = models.ForeignKey(
        Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="updates"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người báo cáo",
        on_delete=models.PROTECT,
        related_name="progress_submitted",
    )
    submitted_at = models.DateTimeField("thời điểm báo cáo")
    progress = models.PositiveSmallIntegerField("tiến độ (%)", validators=[MaxValueValidator(100)])
    note = models.TextField("nội dung báo cáo", blank=True)
    evidence = models.FileField("tệp minh chứng", upload_to="progress/%Y/", null=True, blank=True)
    state = models.CharField(
        "tình trạng",
        max_length=16,
        choices=ProgressState.choices,
        default=ProgressState.SUBMITTED,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="progress_reviewed",
    )
    reviewed_at = models.DateTimeField("thời điểm duyệt", null=True, blank=True)
    return_reason = models.TextField("lý do trả lại", blank=True)

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["task", "-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} — {self.progress}% ({self.get_state_display()})"
