from django.contrib import admin

from chidao.core.admin import ServiceModelAdmin
from chidao.documents.models import Document, DocumentLink, DocumentType, NumberSequence


@admin.register(DocumentType)
class DocumentTypeAdmin(ServiceModelAdmin):
    list_display = ("name", "party_code", "state_code", "legal")
    list_filter = ("legal",)
    search_fields = ("name", "party_code", "state_code")


class DocumentLinkInline(admin.TabularInline):
    model = DocumentLink
    fk_name = "source"
    extra = 0
    autocomplete_fields = ("target",)
    verbose_name = "văn bản liên quan"
    verbose_name_plural = "văn bản liên quan"


@admin.register(Document)
class DocumentAdmin(ServiceModelAdmin):
    list_display = (
        "number_display",
        "doc_type",
        "issuer",
        "issued_on",
        "term",
        "year",
        "excerpt_short",
        "classification",
    )
    list_filter = ("system", "doc_type", "classification", "year")
    search_fields = ("number", "symbol", "excerpt", "issuer__name", "signer__full_name")
    autocomplete_fields = ("issuer", "signer", "doc_type")
    date_hierarchy = "issued_on"
    readonly_fields = ("version",)
    inlines = [DocumentLinkInline]

    @admin.display(description="số, ký hiệu", ordering="number")
    def number_display(self, obj):
        return obj.number_display or "—"

    @admin.display(description="trích yếu")
    def excerpt_short(self, obj):
        return obj.excerpt[:100]


@admin.register(DocumentLink)
class DocumentLinkAdmin(ServiceModelAdmin):
    list_display = ("source", "relation", "target")
    list_filter = ("relation",)
    search_fields = ("source__number", "source__symbol", "target__number", "target__symbol")
    autocomplete_fields = ("source", "target")


@admin.register(NumberSequence)
class NumberSequenceAdmin(ServiceModelAdmin):
    list_display = ("issuer", "doc_type", "system", "term", "year", "last")
    list_filter = ("system", "year", "doc_type")
    search_fields = ("issuer__name", "doc_type__name")
    readonly_fields = ("last", "version")
