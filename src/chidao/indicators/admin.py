from django.contrib import admin

from chidao.core.admin import ServiceModelAdmin
from chidao.indicators.models import Indicator, Observation, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ("body", "year", "kind", "value", "note")
    autocomplete_fields = ("body",)
    verbose_name = "mục tiêu, dự toán"
    verbose_name_plural = "mục tiêu, dự toán"


@admin.register(Indicator)
class IndicatorAdmin(ServiceModelAdmin):
    list_display = ("name", "code", "unit", "higher_is_better")
    list_filter = ("higher_is_better",)
    search_fields = ("name", "code")
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(ServiceModelAdmin):
    list_display = ("indicator", "body", "year", "kind", "value")
    list_filter = ("kind", "year")
    search_fields = ("indicator__name", "indicator__code", "body__name")
    autocomplete_fields = ("indicator", "body")


@admin.register(Observation)
class ObservationAdmin(ServiceModelAdmin):
    list_display = (
        "indicator",
        "body",
        "period_label",
        "year",
        "qualifier",
        "value",
        "unit",
        "stated_pct_of_plan",
        "computed_pct_of_plan",
        "stated_yoy_pct",
        "computed_yoy_pct",
        "is_flagged",
    )
    list_filter = ("is_flagged", "period_kind", "year", "indicator")
    search_fields = ("indicator__name", "body__name", "period_label", "note")
    autocomplete_fields = ("indicator", "body")
    readonly_fields = (
        "target",
        "computed_pct_of_plan",
        "computed_yoy_pct",
        "flags_display",
        "is_flagged",
    )

    @admin.display(description="cảnh báo")
    def flags_display(self, obj):
        return "; ".join(obj.flag_labels) or "—"
