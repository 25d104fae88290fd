"""Documents: their types, numbers, issuers, links to each other, and number sequences.

Party numbers (``Số 10-CT/TW``) run per type, per issuing body, per committee term;
state numbers (``Số: 123/QĐ-UBND``) run per type, per agency, per calendar year. The
grammar that parses and formats both is :mod:`chidao.docnumber`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from chidao.core.models import Classification, TimeStamped


class DocSystem(models.TextChoices):
    PARTY = "party", "Đảng"
    STATE = "state", "Nhà nước"


class DocumentType(TimeStamped):
    """A type of document (Nghị quyết, Chỉ thị, ...) and the codes written in its numbers."""

    name = models.CharField("tên loại văn bản", max_length=100, unique=True)
    party_code = models.CharField(
        "viết tắt trong số văn bản của Đảng",
        max_length=16,
        blank=True,
        help_text="Ví dụ: CT trong 10-CT/TW",
    )
    state_code = models.CharField(
        "viết tắt trong số văn bản nhà nước",
        max_length=16,
        blank=True,
        help_text="Ví dụ: QĐ trong 123/QĐ-UBND",
    )
    legal = models.BooleanField("văn bản quy phạm pháp luật", default=False)

    class Meta:
        verbose_name = "loại văn bản"
        verbose_name_plural = "loại văn bản"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def code_for(self, system: str) -> str:
        return self.party_code if system == DocSystem.PARTY else self.state_code


class Document(TimeStamped):
    doc_type = models.ForeignKey(
        DocumentType,
        verbose_name="loại văn bản",
        on_delete=models.PROTECT,
        related_name="documents",
    )
    system = models.CharField("hệ thống", max_length=8, choices=DocSystem.choices)
    number = models.CharField(
        "số", max_length=16, blank=True, help_text="Giữ nguyên số 0 đứng đầu, ví dụ 09"
    )
    symbol = models.CharField("ký hiệu", max_length=64, blank=True, help_text="Ví dụ: CT/TW")
    issuer = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="documents_issued",
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    term = models.ForeignKey(
        "orgs.CommitteeTerm",
        verbose_name="nhiệm kỳ, khóa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    excerpt = models.TextField("trích yếu", blank=True)
    signer = models.ForeignKey(
        "orgs.Person",
        verbose_name="người ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents_signed",
    )
    signer_title = models.CharField("chức vụ người ký", max_length=300, blank=True)
    classification = models.IntegerField(
        "độ mật", choices=Classification.choices, default=Classification.NORMAL
    )
    file = models.FileField("tệp văn bản", upload_to="documents/%Y/", null=True, blank=True)
    links = models.ManyToManyField(
        "self",
        through="DocumentLink",
        symmetrical=False,
        blank=True,
        related_name="linked_from",
        verbose_name="văn bản liên quan",
    )

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "doc_type", "term", "number"],
                condition=Q(system="party") & Q(term__isnull=False) & ~Q(number=""),
                name="unique_party_document_number",
                violation_error_message="Số văn bản này đã có trong nhiệm kỳ của cơ quan ban hành.",
            ),
            models.UniqueConstraint(
                fields=["issuer", "doc_type", "year", "number"],
                condition=Q(system="state") & Q(year__isnull=False) & ~Q(number=""),
                name="unique_state_document_number",
                violation_error_message="Số văn bản này đã có trong năm của cơ quan ban hành.",
            ),
        ]
        indexes = [models.Index(fields=["number", "symbol"])]

    def __str__(self) -> str:
        if self.number:
            return f"{self.doc_type} số {self.number_display}"
        return f"{self.doc_type} {self.excerpt[:80]}".strip()

    @property
    def number_display(self) -> str:
        """The number as written on the document: 10-CT/TW or 123/QĐ-UBND."""
        if not self.number:
            return ""
        if not self.symbol:
            return self.number
        sep = "-" if self.system == DocSystem.PARTY else "/"
        return f"{self.number}{sep}{self.symbol}"


class LinkRelation(models.TextChoices):
    IMPLEMENTS = "implements", "Triển khai, thực hiện"
    REPLACES = "replaces", "Thay thế"
    CITES = "cites", "Căn cứ, dẫn chiếu"


class DocumentLink(TimeStamped):
    """``source`` implements, replaces or cites ``target``."""

    source = models.ForeignKey(
        Document, verbose_name="văn bản", on_delete=models.CASCADE, related_name="outgoing_links"
    )
    target = models.ForeignKey(
        Document,
        verbose_name="văn bản được liên kết",
        on_delete=models.PROTECT,
        related_name="incoming_links",
    )
    relation = models.CharField("quan hệ", max_length=16, choices=LinkRelation.choices)

    class Meta:
        verbose_name = "liên kết văn bản"
        verbose_name_plural = "liên kết văn bản"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "relation"],
                name="unique_document_link",
                violation_error_message="Hai văn bản đã có liên kết này.",
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="document_link_not_self",
                violation_error_message="Một văn bản không thể liên kết với chính nó.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} — {self.get_relation_display()} — {self.target}"


class NumberSequence(TimeStamped):
    """The last number given for one type, issuer and term (Party) or year (state)."""

    system = models.CharField("hệ thống", max_length=8, choices=DocSystem.choices)
    issuer = models.ForeignKey(
        "orgs.Organization",
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="number_sequences",
    )
    doc_type = models.ForeignKey(
        DocumentType,
        verbose_name="loại văn bản",
        on_delete=models.PROTECT,
        related_name="number_sequences",
    )
    term = models.ForeignKey(
        "orgs.CommitteeTerm",
        verbose_name="nhiệm kỳ, khóa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="number_sequences",
    )
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    last = models.PositiveIntegerField("số đã cấp gần nhất", default=0)

    class Meta:
        verbose_name = "sổ cấp số văn bản"
        verbose_name_plural = "sổ cấp số văn bản"
        ordering = ["issuer", "doc_type", "-year"]
        constraints = [
            # Each system keys on one non-null column, so "insert or ignore" is race-free.
            models.UniqueConstraint(
                fields=["issuer", "doc_type", "term"],
                condition=Q(system="party"),
                name="unique_party_sequence",
            ),
            models.UniqueConstraint(
                fields=["issuer", "doc_type", "year"],
                condition=Q(system="state"),
                name="unique_state_sequence",
            ),
            models.CheckConstraint(
                condition=(Q(system="party", term__isnull=False, year__isnull=True))
                | Q(system="state", term__isnull=True, year__isnull=False),
                name="sequence_scope_matches_system",
                violation_error_message="Sổ của Đảng theo nhiệm kỳ, sổ nhà nước theo năm.",
            ),
        ]

    def __str__(self) -> str:
        scope = self.term.name if self.term_id else str(self.year)
        return f"{self.doc_type} — {self.issuer} — {scope}: {self.last}"
