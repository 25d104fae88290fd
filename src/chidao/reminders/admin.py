from django.contrib import admin

from chidao.core.admin import ServiceModelAdmin
from chidao.reminders.models import Digest, Notification, ReminderRule, UserPreference


@admin.register(ReminderRule)
class ReminderRuleAdmin(ServiceModelAdmin):
    list_display = (
        "__str__",
        "enabled",
        "days_before",
        "on_due_day",
        "overdue_every",
        "recommendation_days_before",
        "review_wait_days",
    )
    autocomplete_fields = ("body",)


@admin.register(UserPreference)
class UserPreferenceAdmin(ServiceModelAdmin):
    list_display = ("user", "digest", "email_enabled")
    list_filter = ("digest", "email_enabled")


class ReadOnlyAdmin(admin.ModelAdmin):
    """What was sent to whom: written only by the reminder run."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "recipient", "kind", "subject", "email_state", "read_at")
    list_filter = ("kind", "email_state")
    search_fields = ("subject", "dedupe_key", "recipient__username")
    date_hierarchy = "created_at"


@admin.register(Digest)
class DigestAdmin(ReadOnlyAdmin):
    list_display = ("day", "recipient", "email_state", "email_attempts", "sent_at")
    list_filter = ("email_state",)
