"""API tokens in the admin: listed read-only, revoked with an action (audited)."""

from __future__ import annotations

from django.contrib import admin, messages

from chidao.api.models import ApiToken
from chidao.api.services import do_revoke_token
from chidao.core.errors import ServiceError


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "name", "user", "created", "last_used", "revoked")
    list_filter = ("revoked",)
    search_fields = ("prefix", "name", "user__username")
    readonly_fields = ("user", "name", "prefix", "key_hash", "created", "last_used", "revoked")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # tokens are issued by `chidao apitoken` or POST /api/v1/tokens

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Thu hồi các token đã chọn")
    def revoke(self, request, queryset):
        done = 0
        for token in queryset.filter(revoked__isnull=True):
            try:
                do_revoke_token(request.user, token)
                done += 1
            except ServiceError as error:
                self.message_user(request, error.message, level=messages.ERROR)
        self.message_user(request, f"Đã thu hồi {done} token.")
