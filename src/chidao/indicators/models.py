"""Indicators, their targets for a body and year, and observations for a period.

An observation keeps the shares the report stated next to the shares the system
computed from the target and from the same period a year before, so inconsistent
figures are flagged (see :mod:`chidao.indicators.shares`).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from chidao.core.models import TimeStamped
from chidao.indicators.shares import FLAG_LABELS


class Indicator(TimeStamped):
    code = models.SlugField(
        "mã chỉ tiêu", max_length=64, unique=True, help_text="Ví dụ: thu_ngan_sach"
    )
    name = models.CharField("tên chỉ tiêu", max_length=300)
    unit = models.CharField("đơn vị tính", max_length=50, blank=True, help_text="Ví dụ: tỷ đồng")
    higher_is_better = models.BooleanField("càng cao càng tốt", default=True)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


class TargetKind(models.TextChoices):
    ESTIMATE = "estimate", "Dự toán tỉnh giao"
    PLAN = "plan", "Kế hoạch"
    RESOLUTION = "resolution", "Chỉ tiêu nghị quyết"


# Which target a share "of plan" is computed against when the observation does not say.
TARGET_PRECEDENCE = [TargetKind.ESTIMATE, TargetKind.PLAN, TargetKind.RESOLUTION]


class Target(TimeStamped):
    indicator = models.ForeignKey(
        Indicator, verbose_name="chỉ tiêu", on_delete=models.PROTECT, related_name="targets"
    )
    body = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan, địa phương",
        on_delete=models.PROTECT,
        related_name="indicator_targets",
    )
    year = models.PositiveSmallIntegerField(
        "năm", validators=[MinValueValidator(1945), MaxValueValidator(2200)]
    )
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4)
    kind = models.CharField(
        "loại chỉ tiêu giao",
        max_length=16,
        choices=TargetKind.choices,
        default=TargetKind.ESTIMATE,
    )
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "mục tiêu, dự toán"
        verbose_name_plural = "mục tiêu, dự toán"
        ordering = ["indicator", "body", "-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "body", "year", "kind"],
                name="unique_indicator_target",
                violation_error_message="Chỉ tiêu này đã có mục tiêu cùng loại cho năm này.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} — {self.body} — {self.year}: {self.value}"


class PeriodKind(models.TextChoices):
    MONTH = "month", "Tháng"
    QUARTER = "quarter", "Quý"
    SIX_MONTHS = "six_months", "6 tháng"
    EIGHT_MONTHS = "eight_months", "8 tháng"
    NINE_MONTHS = "nine_months", "9 tháng"
    YEAR = "year", "Năm"
    TO_DATE = "to_date", "Đến thời điểm (lũy kế)"


class Qualifier(models.TextChoices):
    NONE = "", "(không)"
    ABOVE = "trên", "trên"
    NEARLY = "gần", "gần"
    ESTIMATED = "ước", "ước"
    ABOUT = "khoảng", "khoảng"


class ObservationQuerySet(models.QuerySet):
    def flagged(self):
        return self.filter(is_flagged=True)

    def same_period(self, observation: Observation, year: int):
        """Observations of the same indicator, body and period in ``year``."""
        qs = self.filter(
            indicator_id=observation.indicator_id,
            body_id=observation.body_id,
            period_kind=observation.period_kind,
            period_number=observation.period_number,
            year=year,
        ).exclude(pk=observation.pk)
        if observation.period_kind == PeriodKind.TO_DATE and observation.period_end:
            end = observation.period_end
            try:
                shifted = end.replace(year=year)
            except ValueError:  # 29 February
                shifted = end.replace(year=year, day=28)
            qs = qs.filter(period_end=shifted)
        return qs


class Observation(TimeStamped):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name="chỉ tiêu",
        on_delete=models.PROTECT,
        related_name="observations",
    )
    body = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan, địa phương",
        on_delete=models.PROTECT,
        related_name="indicator_observations",
    )
    period_kind = models.CharField("loại kỳ", max_length=16, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(
        "năm", validators=[MinValueValidator(1945), MaxValueValidator(2200)]
    )
    period_number = models.PositiveSmallIntegerField(
        "tháng, quý",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="Số tháng (1–12) hoặc số quý (1–4); với kỳ lũy kế: tháng kết thúc",
    )
    period_end = models.DateField("ngày cuối kỳ", null=True, blank=True)
    period_label = models.CharField(
        "kỳ báo cáo (như văn bản ghi)",
        max_length=200,
        blank=True,
        help_text="Ví dụ: đến trung tuần tháng 8/2021",
    )
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField("đơn vị tính", max_length=50, blank=True)
    qualifier = models.CharField(
        "từ chỉ mức độ", max_length=16, choices=Qualifier.choices, blank=True, default=""
    )
    target_kind = models.CharField(
        "so với",
        max_length=16,
        choices=TargetKind.choices,
        blank=True,
        default="",
        help_text="Loại mục tiêu mà tỷ lệ trong báo cáo so sánh với; để trống: tự chọn",
    )
    target = models.ForeignKey(
        Target,
        verbose_name="mục tiêu dùng để tính",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
        editable=False,
    )
    stated_pct_of_plan = models.DecimalField(
        "tỷ lệ so với kế hoạch (báo cáo ghi, %)",
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="“vượt 0,96% dự toán” ghi là 100,96",
    )
    stated_yoy_pct = models.DecimalField(
        "tăng, giảm so với cùng kỳ (báo cáo ghi, %)",
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="“tăng 28,38%” ghi là 28,38; giảm ghi số âm",
    )
    computed_pct_of_plan = models.DecimalField(
        "tỷ lệ so với kế hoạch (tính lại, %)",
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        editable=False,
    )
    computed_yoy_pct = models.DecimalField(
        "tăng, giảm so với cùng kỳ (tính lại, %)",
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        editable=False,
    )
    flags = models.JSONField("cảnh báo", default=list, blank=True, editable=False)
    is_flagged = models.BooleanField("số liệu không khớp", default=False, editable=False)
    note = models.TextField("ghi chú", blank=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = "số liệu thực hiện"
        verbose_name_plural = "số liệu thực hiện"
        ordering = ["indicator", "body", "-year", "-period_end", "-id"]
        indexes = [
            models.Index(fields=["indicator", "body", "period_kind", "year", "period_number"])
        ]

    def __str__(self) -> str:
        period = self.period_label or f"{self.get_period_kind_display()} {self.year}"
        return f"{self.indicator.name} — {self.body} — {period}"

    @property
    def flag_labels(self) -> list[str]:
        return [FLAG_LABELS.get(code, code) for code in self.flags or []]
