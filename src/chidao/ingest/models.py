"""Texts that were read, the facts extracted from them, and the provenance of records.

Every record made from a fact keeps a ``Provenance`` row pointing back to the fact, whose
``quote`` is the exact phrase of the source text (``source.text[span_start:span_end]``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q

from chidao.core.models import TimeStamped


class SourceStatus(models.TextChoices):
    NEW = "new", "Mới nhận"
    EXTRACTED = "extracted", "Đã trích xuất"
    REVIEWED = "reviewed", "Đã duyệt xong"
    FAILED = "failed", "Lỗi khi đọc"


class Source(TimeStamped):
    sha256 = models.CharField("mã băm SHA-256", max_length=64, unique=True)
    title = models.CharField("tiêu đề", max_length=500, blank=True)
    name = models.CharField("tên tệp, đường dẫn", max_length=500, blank=True)
    publication_date = models.DateField("ngày đăng", null=True, blank=True)
    text = models.TextField("nội dung")
    chars = models.PositiveIntegerField("số ký tự", default=0)
    fetched_at = models.DateTimeField("nhận lúc", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=16, choices=SourceStatus.choices, default=SourceStatus.NEW
    )

    class Meta:
        verbose_name = "nguồn dữ liệu"
        verbose_name_plural = "nguồn dữ liệu"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or self.name or self.sha256[:12]


class FactKind(models.TextChoices):
    PEOPLE = "people", "Cán bộ"
    ORGANIZATION = "organization", "Cơ quan, tổ chức"
    DOCUMENT_REF = "document_ref", "Văn bản được nhắc đến"
    DOCUMENTS_ISSUED = "documents_issued", "Số văn bản đã ban hành"
    INDICATOR = "indicator", "Chỉ tiêu, số liệu"
    TASK_COUNTS = "task_counts", "Số nhiệm vụ theo trạng thái"
    RECOMMENDATION = "recommendation", "Kiến nghị"
    DIRECTION = "direction", "Ý kiến chỉ đạo"
    EVENT = "event", "Sự kiện (ngày, loại hội nghị)"


class FactStatus(models.TextChoices):
    PROPOSED = "proposed", "Đề xuất"
    ACCEPTED = "accepted", "Đã chấp nhận"
    REJECTED = "rejected", "Đã loại"
    EDITED = "edited", "Đã sửa rồi chấp nhận"


class Fact(TimeStamped):
    source = models.ForeignKey(
        Source, verbose_name="nguồn", on_delete=models.CASCADE, related_name="facts"
    )
    kind = models.CharField("loại", max_length=32, choices=FactKind.choices)
    data = models.JSONField("dữ liệu", default=dict)
    span_start = models.PositiveIntegerField("vị trí bắt đầu", null=True, blank=True)
    span_end = models.PositiveIntegerField("vị trí kết thúc", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=16, choices=FactStatus.choices, default=FactStatus.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="facts_decided",
    )
    decided_at = models.DateTimeField("duyệt lúc", null=True, blank=True)

    class Meta:
        verbose_name = "dữ liệu trích xuất"
        verbose_name_plural = "dữ liệu trích xuất"
        ordering = ["source", "span_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(span_start__isnull=True, span_end__isnull=True)
                | Q(
                    span_start__isnull=False, span_end__isnull=False, span_end__gte=F("span_start")
                ),
                name="fact_span_ordered",
                violation_error_message="Vị trí kết thúc phải sau vị trí bắt đầu.",
            )
        ]

    def __str__(self) -> str:
        quote = self.quote
        return f"{self.get_kind_display()}: {quote[:80]}" if quote else self.get_kind_display()

    @property
    def quote(self) -> str:
        """The phrase of the source text this fact was read from."""
        if self.span_start is None or self.span_end is None:
            return ""
        return self.source.text[self.span_start : self.span_end]


class Provenance(TimeStamped):
    """Record (or one field of it) made from ``fact``."""

    fact = models.ForeignKey(
        Fact,
        verbose_name="dữ liệu trích xuất",
        on_delete=models.PROTECT,
        related_name="provenance",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name="loại bản ghi", on_delete=models.PROTECT
    )
    object_id = models.CharField("mã bản ghi", max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField("trường", max_length=100, null=True, blank=True)

    class Meta:
        verbose_name = "nguồn gốc dữ liệu"
        verbose_name_plural = "nguồn gốc dữ liệu"
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["fact", "content_type", "object_id", "field"],
                name="unique_provenance",
                violation_error_message="Liên kết nguồn gốc này đã có.",
            )
        ]

    def __str__(self) -> str:
        field = f".{self.field}" if self.field else ""
        return f"{self.content_type.model} #{self.object_id}{field} ← {self.fact}"


def provenance_for(instance: models.Model) -> list[Provenance]:
    """Provenance rows of one record (every field), with their facts and sources."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return list(
        Provenance.objects.filter(content_type=content_type, object_id=str(instance.pk))
        .select_related("fact", "fact__source")
        .order_by("field", "id")
    )
