from django.contrib import admin

from chidao.core.admin import ServiceModelAdmin
from chidao.ingest.models import Fact, Provenance, Source


class FactInline(admin.TabularInline):
    model = Fact
    extra = 0
    fields = ("kind", "status", "span_start", "span_end", "quote")
    readonly_fields = ("kind", "status", "span_start", "span_end", "quote")
    can_delete = False
    show_change_link = True
    verbose_name = "dữ liệu trích xuất"
    verbose_name_plural = "dữ liệu trích xuất"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="trích dẫn")
    def quote(self, obj):
        return obj.quote[:200]


@admin.register(Source)
class SourceAdmin(ServiceModelAdmin):
    list_display = ("__str__", "name", "publication_date", "chars", "status", "fetched_at")
    list_filter = ("status", "publication_date")
    search_fields = ("title", "name", "sha256")
    readonly_fields = ("sha256", "chars", "version")
    inlines = [FactInline]


@admin.register(Fact)
class FactAdmin(ServiceModelAdmin):
    list_display = ("kind", "quote_short", "source", "status", "decided_by", "decided_at")
    list_filter = ("kind", "status")
    search_fields = ("source__title", "source__name", "source__sha256")
    readonly_fields = ("quote_full", "version")
    raw_id_fields = ("source",)

    @admin.display(description="trích dẫn")
    def quote_short(self, obj):
        return obj.quote[:120]

    @admin.display(description="câu trong văn bản nguồn")
    def quote_full(self, obj):
        return obj.quote


@admin.register(Provenance)
class ProvenanceAdmin(ServiceModelAdmin):
    list_display = ("content_type", "object_id", "field", "fact")
    list_filter = ("content_type", "field")
    search_fields = ("object_id", "field")
    raw_id_fields = ("fact",)
