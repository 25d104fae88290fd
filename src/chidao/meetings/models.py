"""Meetings: working sessions, review conferences, council sessions, inspections.

A meeting has participants, documents presented, a conclusion document and the
directions given at it; the tasks app turns a direction into a task
(``Task.origin_direction`` points here).
"""

from __future__ import annotations

from django.db import models

from chidao.core.models import TimeStamped


class MeetingKind(models.TextChoices):
    WORKING_SESSION = "working_session", "Buổi làm việc"
    REVIEW_CONFERENCE = "review_conference", "Hội nghị sơ kết, tổng kết"
    COUNCIL_SESSION = "council_session", "Kỳ họp HĐND"
    INSPECTION = "inspection", "Kiểm tra, giám sát"
    OTHER = "other", "Khác"


class Meeting(TimeStamped):
    kind = models.CharField("loại", max_length=32, choices=MeetingKind.choices)
    title = models.CharField("tiêu đề", max_length=500)
    held_on = models.DateField("ngày họp")
    place = models.CharField("địa điểm", max_length=300, blank=True)
    host = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan chủ trì, nơi làm việc",
        on_delete=models.PROTECT,
        related_name="meetings_hosted",
    )
    visiting_bodies = models.ManyToManyField(
        "orgs.Organization",
        verbose_name="đoàn công tác, cơ quan dự",
        blank=True,
        related_name="meetings_visited",
    )
    chair = models.ForeignKey(
        "orgs.Person",
        verbose_name="người chủ trì",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_chaired",
    )
    period_label = models.CharField(
        "kỳ báo cáo", max_length=100, blank=True, help_text="Ví dụ: 6 tháng đầu năm 2021"
    )
    documents_presented = models.ManyToManyField(
        "documents.Document",
        verbose_name="văn bản trình bày",
        blank=True,
        related_name="meetings_presented",
    )
    conclusion = models.ForeignKey(
        "documents.Document",
        verbose_name="văn bản kết luận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="concluded_meetings",
    )

    class Meta:
        verbose_name = "hội nghị, buổi làm việc"
        verbose_name_plural = "hội nghị, buổi làm việc"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class ParticipantRole(models.TextChoices):
    CHAIR = "chair", "Chủ trì"
    MEMBER = "member", "Thành viên"
    GUEST = "guest", "Khách mời, dự"


class Participant(TimeStamped):
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="hội nghị, buổi làm việc",
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name="cán bộ",
        on_delete=models.PROTECT,
        related_name="participations",
    )
    title_at_meeting = models.CharField(
        "chức vụ (như văn bản ghi)",
        max_length=300,
        blank=True,
        help_text="Ví dụ: Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy",
    )
    role = models.CharField(
        "vai trò", max_length=16, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER
    )

    class Meta:
        verbose_name = "người tham dự"
        verbose_name_plural = "người tham dự"
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="unique_meeting_participant",
                violation_error_message="Người này đã có trong danh sách tham dự.",
            )
        ]

    def __str__(self) -> str:
        title = f", {self.title_at_meeting}" if self.title_at_meeting else ""
        return f"{self.person}{title}"


class Direction(TimeStamped):
    """An instruction given at a meeting ("yêu cầu ... cần ..."); may become a task."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name="hội nghị, buổi làm việc",
        on_delete=models.CASCADE,
        related_name="directions",
    )
    text = models.TextField("nội dung chỉ đạo")
    given_by = models.ForeignKey(
        "orgs.Person",
        verbose_name="người chỉ đạo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directions_given",
    )
    addressed_to = models.ForeignKey(
        "orgs.Organization",
        verbose_name="giao cho",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directions_received",
    )
    deadline = models.DateField("thời hạn", null=True, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "ý kiến chỉ đạo"
        verbose_name_plural = "ý kiến chỉ đạo"
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.text[:120]
