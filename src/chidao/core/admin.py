"""Admin base class: every save and delete in the admin goes through the audited services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.http import HttpResponseRedirect

from chidao.core import services
from chidao.core.errors import ServiceError
from chidao.core.models import AuditEntry, User


class ServiceModelAdmin(admin.ModelAdmin):
    """ModelAdmin whose writes are audited service calls, refused for non-administrators."""

    def save_model(self, request, obj, form, change):
        services.do_admin_save(request.user, obj, is_new=not change)

    def delete_model(self, request, obj):
        services.do_admin_delete(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.do_admin_delete(request.user, obj)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            services.do_admin_delete(request.user, obj)
        for obj in instances:
            services.do_admin_save(request.user, obj, is_new=obj.pk is None)
        formset.save_m2m()

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ServiceError as error:
            self.message_user(request, error.message, level=messages.ERROR)
            return HttpResponseRedirect(request.path)


@admin.register(User)
class ChidaoUserAdmin(UserAdmin):
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Vai trò trong chidao", {"fields": ("role", "organization", "clearance")}),
    )
    list_display = ("username", "first_name", "role", "organization", "clearance", "is_active")
    list_filter = ("role", "clearance", "is_active")

    def save_model(self, request, obj, form, change):
        services.do_admin_save(request.user, obj, is_new=not change)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "action")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
