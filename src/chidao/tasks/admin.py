from django.contrib import admin

from chidao.core.admin import ServiceModelAdmin
from chidao.tasks.models import ProgressUpdate, Task, TaskGroup


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ("title", "lead_unit", "deadline", "weight", "progress", "status")
    readonly_fields = ("status",)
    autocomplete_fields = ("lead_unit",)
    show_change_link = True
    verbose_name = "nhiệm vụ"
    verbose_name_plural = "nhiệm vụ"


@admin.register(TaskGroup)
class TaskGroupAdmin(ServiceModelAdmin):
    list_display = ("name", "owner", "year", "approving_body", "order")
    list_filter = ("year",)
    search_fields = ("name", "owner__name")
    autocomplete_fields = ("owner", "approving_body")
    inlines = [TaskInline]


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    fk_name = "task"
    extra = 0
    fields = (
        "submitted_at",
        "submitted_by",
        "progress",
        "note",
        "state",
        "reviewed_by",
        "return_reason",
    )
    readonly_fields = fields
    can_delete = False
    verbose_name = "báo cáo tiến độ"
    verbose_name_plural = "báo cáo tiến độ"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Task)
class TaskAdmin(ServiceModelAdmin):
    list_display = (
        "title",
        "group",
        "lead_unit",
        "deadline",
        "progress",
        "status",
        "completed_on",
    )
    list_filter = ("status", "group__year", "lead_unit")
    search_fields = ("title", "description", "lead_unit__name", "group__name")
    autocomplete_fields = ("group", "lead_unit", "co_units", "approving_body")
    raw_id_fields = ("origin_document", "origin_direction")
    readonly_fields = ("status",)
    date_hierarchy = "deadline"
    inlines = [ProgressUpdateInline]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ServiceModelAdmin):
    list_display = ("task", "progress", "submitted_by", "submitted_at", "state", "reviewed_by")
    list_filter = ("state",)
    search_fields = ("task__title", "note", "return_reason")
    autocomplete_fields = ("task",)
    readonly_fields = ("submitted_by", "submitted_at", "reviewed_by", "reviewed_at")
