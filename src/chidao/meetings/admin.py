from django.contrib import admin

from chidao.core.admin import ServiceModelAdmin
from chidao.meetings.models import Direction, Meeting, Participant


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ("person",)
    verbose_name = "người tham dự"
    verbose_name_plural = "người tham dự"


class DirectionInline(admin.StackedInline):
    model = Direction
    extra = 0
    autocomplete_fields = ("given_by", "addressed_to")
    verbose_name = "ý kiến chỉ đạo"
    verbose_name_plural = "ý kiến chỉ đạo"


@admin.register(Meeting)
class MeetingAdmin(ServiceModelAdmin):
    list_display = ("title", "kind", "held_on", "host", "chair", "period_label", "conclusion")
    list_filter = ("kind", "held_on")
    search_fields = ("title", "place", "host__name", "chair__full_name", "period_label")
    autocomplete_fields = (
        "host",
        "chair",
        "conclusion",
        "visiting_bodies",
        "documents_presented",
    )
    date_hierarchy = "held_on"
    readonly_fields = ("version",)
    inlines = [ParticipantInline, DirectionInline]


@admin.register(Participant)
class ParticipantAdmin(ServiceModelAdmin):
    list_display = ("person", "title_at_meeting", "role", "meeting")
    list_filter = ("role",)
    search_fields = ("person__full_name", "title_at_meeting", "meeting__title")
    autocomplete_fields = ("meeting", "person")


@admin.register(Direction)
class DirectionAdmin(ServiceModelAdmin):
    list_display = ("text_short", "meeting", "given_by", "addressed_to", "deadline", "order")
    list_filter = ("deadline",)
    search_fields = ("text", "meeting__title", "given_by__full_name", "addressed_to__name")
    autocomplete_fields = ("meeting", "given_by", "addressed_to")

    @admin.display(description="nội dung chỉ đạo")
    def text_short(self, obj):
        return obj.text[:120]
