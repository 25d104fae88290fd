from django.contrib import admin

from chidao.core.admin import ServiceModelAdmin
from chidao.orgs.models import (
    AdministrativeUnit,
    CommitteeTerm,
    Organization,
    Person,
    Position,
    Succession,
)


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    verbose_name = "cơ quan kế thừa"
    verbose_name_plural = "cơ quan kế thừa"


@admin.register(Organization)
class OrganizationAdmin(ServiceModelAdmin):
    list_display = ("name", "kind", "system", "symbol", "parent", "valid_from", "valid_to")
    list_filter = ("kind", "system")
    search_fields = ("name", "short_name", "symbol", "name_folded")
    autocomplete_fields = ("parent", "admin_unit")
    inlines = [SuccessionInline]


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ServiceModelAdmin):
    list_display = ("name", "code", "level", "scheme", "parent")
    list_filter = ("scheme", "level")
    search_fields = ("name", "code")
    autocomplete_fields = ("parent",)


@admin.register(Succession)
class SuccessionAdmin(ServiceModelAdmin):
    list_display = ("predecessor", "successor", "effective", "receives_open_work")


@admin.register(CommitteeTerm)
class CommitteeTermAdmin(ServiceModelAdmin):
    list_display = ("organization", "name", "starts", "ends")


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0


@admin.register(Person)
class PersonAdmin(ServiceModelAdmin):
    list_display = ("full_name",)
    search_fields = ("full_name", "name_folded")
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(ServiceModelAdmin):
    list_display = ("person", "title", "organization", "valid_from", "valid_to")
    search_fields = ("title", "person__full_name")
