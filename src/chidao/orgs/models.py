"""Bodies over time, the administrative units they belong to, people and their positions."""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.db import models
from django.db.models import Q

from chidao.core.models import TimeStamped


def fold_name(name: str) -> str:
    """A name without diacritics, case or extra spaces, for matching ("Cao Lộc" -> "cao loc")."""
    decomposed = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


class System(models.TextChoices):
    PARTY = "party", "Đảng"
    STATE = "state", "Nhà nước"
    OTHER = "other", "Đoàn thể, khác"


class AdministrativeUnit(models.Model):
    """A province, district or commune, in the units before or after the 2025 reform."""

    class Level(models.TextChoices):
        PROVINCE = "province", "Tỉnh, thành phố"
        DISTRICT = "district", "Huyện, quận, thị xã, thành phố thuộc tỉnh"
        COMMUNE = "commune", "Xã, phường, thị trấn, đặc khu"

    class Scheme(models.TextChoices):
        LEGACY = "legacy", "Trước 01/7/2025 (63 tỉnh)"
        FROM_2025 = "2025", "Từ 01/7/2025 (34 tỉnh)"

    code = models.CharField("mã", max_length=16)
    scheme = models.CharField("hệ thống đơn vị", max_length=8, choices=Scheme.choices)
    name = models.CharField("tên", max_length=200)
    level = models.CharField("cấp", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="thuộc", null=True, blank=True, on_delete=models.PROTECT
    )
    successors = models.ManyToManyField(
        "self",
        verbose_name="đơn vị kế thừa",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
    )

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        constraints = [
            models.UniqueConstraint(fields=["scheme", "level", "code"], name="unique_admin_unit")
        ]
        ordering = ["scheme", "code"]

    def __str__(self) -> str:
        return self.name


class OrganizationKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", "Cấp ủy (Tỉnh ủy, Huyện ủy, Đảng ủy)"
    STANDING_COMMITTEE = "standing_committee", "Ban Thường vụ, Thường trực"
    PARTY_BOARD = "party_board", "Ban, Văn phòng, Ủy ban Kiểm tra của cấp ủy"
    COUNCIL = "council", "Hội đồng nhân dân"
    PEOPLES_COMMITTEE = "peoples_committee", "Ủy ban nhân dân"
    DEPARTMENT = "department", "Sở, ban, ngành"
    DIVISION = "division", "Phòng, ban chuyên môn"
    CENTRAL = "central", "Cơ quan Trung ương"
    OTHER = "other", "Khác"


class Organization(TimeStamped):
    name = models.CharField("tên", max_length=300)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    kind = models.CharField("loại", max_length=32, choices=OrganizationKind.choices)
    system = models.CharField("hệ thống", max_length=8, choices=System.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    symbol = models.CharField(
        "ký hiệu trên số văn bản",
        max_length=32,
        blank=True,
        help_text="Ví dụ: TU, HU, VPTU, BTCTW, UBND",
    )
    admin_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name="đơn vị hành chính",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    valid_from = models.DateField("hoạt động từ", null=True, blank=True)
    valid_to = models.DateField("kết thúc ngày", null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        through="Succession",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name="cơ quan kế thừa",
    )
    name_folded = models.CharField(max_length=300, editable=False, db_index=True)

    class Meta:
        verbose_name = "cơ quan, tổ chức"
        verbose_name_plural = "cơ quan, tổ chức"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_folded = fold_name(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày kết thúc phải sau ngày bắt đầu."})

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def has_ended(self) -> bool:
        return self.valid_to is not None

    @classmethod
    def subtree_ids(cls, root_id: int) -> set[int]:
        """The body and every body below it (breadth-first over ``parent``)."""
        found = {root_id}
        frontier = [root_id]
        while frontier:
            frontier = list(
                cls.objects.filter(parent_id__in=frontier)
                .exclude(pk__in=found)
                .values_list("pk", flat=True)
            )
            found.update(frontier)
        return found

    @classmethod
    def active_on(cls, day: dt.date):
        return cls.objects.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class Succession(models.Model):
    """``predecessor`` ended and ``successor`` took over (all or part of) its work."""

    predecessor = models.ForeignKey(
        Organization,
        verbose_name="cơ quan cũ",
        on_delete=models.PROTECT,
        related_name="succession_to",
    )
    successor = models.ForeignKey(
        Organization,
        verbose_name="cơ quan kế thừa",
        on_delete=models.PROTECT,
        related_name="succession_from",
    )
    effective = models.DateField("hiệu lực từ")
    receives_open_work = models.BooleanField("nhận công việc đang mở", default=False)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "kế thừa cơ quan"
        verbose_name_plural = "kế thừa cơ quan"
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession")
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class CommitteeTerm(models.Model):
    """A committee's term (khóa), within which Party documents are numbered from 01."""

    organization = models.ForeignKey(
        Organization, verbose_name="cấp ủy", on_delete=models.PROTECT, related_name="terms"
    )
    name = models.CharField("nhiệm kỳ, khóa", max_length=100, help_text="Ví dụ: khóa XXI")
    starts = models.DateField("từ ngày")
    ends = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "nhiệm kỳ"
        verbose_name_plural = "nhiệm kỳ"
        ordering = ["organization", "-starts"]

    def __str__(self) -> str:
        return f"{self.organization} {self.name}"


class Person(TimeStamped):
    full_name = models.CharField("họ và tên", max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_folded = fold_name(self.full_name)
        super().save(*args, **kwargs)


class Position(TimeStamped):
    """A title a person held in a body, between two dates (as written: "Bí thư Tỉnh ủy")."""

    person = models.ForeignKey(
        Person, verbose_name="cán bộ", on_delete=models.PROTECT, related_name="positions"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="cơ quan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
    )
    title = models.CharField("chức vụ", max_length=300)
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"
        ordering = ["person", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.person}, {self.title}"

    def held_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )
