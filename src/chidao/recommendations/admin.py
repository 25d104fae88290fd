from django.contrib import admin
from django.utils import timezone

from chidao.core.admin import ServiceModelAdmin
from chidao.recommendations.models import Recommendation, Response, RoutingStep


class RoutingStepInline(admin.TabularInline):
    model = RoutingStep
    extra = 0
    fields = ("kind", "by_body", "to_body", "at", "due_on", "note")
    autocomplete_fields = ("by_body", "to_body")
    verbose_name = "bước xử lý"
    verbose_name_plural = "các bước xử lý"


class ResponseInline(admin.TabularInline):
    model = Response
    extra = 0
    fields = ("from_body", "answered_on", "text", "by_user")
    autocomplete_fields = ("from_body",)
    readonly_fields = ("by_user",)
    verbose_name = "trả lời"
    verbose_name_plural = "các trả lời"


class OverdueFilter(admin.SimpleListFilter):
    title = "quá hạn trả lời"
    parameter_name = "qua_han"

    def lookups(self, request, model_admin):
        return [("1", "Quá hạn"), ("0", "Không quá hạn")]

    def queryset(self, request, queryset):
        overdue = Recommendation.objects.overdue(timezone.localdate())
        if self.value() == "1":
            return queryset.filter(pk__in=overdue.values("pk"))
        if self.value() == "0":
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


@admin.register(Recommendation)
class RecommendationAdmin(ServiceModelAdmin):
    list_display = (
        "short_text",
        "raised_by",
        "addressed_to",
        "received_on",
        "status",
        "due_on",
        "overdue",
    )
    list_filter = ("status", OverdueFilter, "raised_by")
    search_fields = ("text", "raised_by__name", "addressed_to__name")
    autocomplete_fields = ("raised_by", "addressed_to")
    raw_id_fields = ("meeting",)
    readonly_fields = ("status", "due_on", "closed_on", "closing_note", "overdue")
    date_hierarchy = "received_on"
    inlines = [RoutingStepInline, ResponseInline]

    @admin.display(description="nội dung kiến nghị")
    def short_text(self, obj):
        return obj.text[:120]

    @admin.display(description="quá hạn", boolean=True)
    def overdue(self, obj):
        return obj.is_overdue()


@admin.register(RoutingStep)
class RoutingStepAdmin(ServiceModelAdmin):
    list_display = ("recommendation", "kind", "by_body", "to_body", "at", "due_on")
    list_filter = ("kind",)
    search_fields = ("recommendation__text", "to_body__name", "note")
    autocomplete_fields = ("recommendation", "by_body", "to_body")


@admin.register(Response)
class ResponseAdmin(ServiceModelAdmin):
    list_display = ("recommendation", "from_body", "answered_on", "by_user")
    search_fields = ("recommendation__text", "from_body__name", "text")
    autocomplete_fields = ("recommendation", "from_body")
    readonly_fields = ("by_user",)
