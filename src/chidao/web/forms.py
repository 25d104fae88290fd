"""Form fields for Vietnamese input (dates dd/mm/yyyy, numbers 1.234,56) and the
dashboard's and search's forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class VNDateInput(forms.DateInput):
    def __init__(self, attrs=None):
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class VNDateField(forms.DateField):
    widget = VNDateInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault(
            "error_messages", {"invalid": "Ngày phải viết theo dạng dd/mm/yyyy, ví dụ 19/08/2021."}
        )
        super().__init__(*args, **kwargs)


def parse_vn_decimal(text: str) -> Decimal:
    """ "1.234,56" → 1234.56; "380" → 380; "100.96" (a dot and no comma, ≤ 2 decimals) too."""
    value = text.strip().replace(" ", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    elif value.count(".") > 1 or (value.count(".") == 1 and len(value.split(".")[1]) == 3):
        value = value.replace(".", "")
    return Decimal(value)


class VNDecimalField(forms.CharField):
    """A number as Vietnamese write it (1.234,56); cleaned to a Decimal."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in (None, ""):
            return None
        try:
            number = parse_vn_decimal(value)
        except (InvalidOperation, ValueError):
            raise forms.ValidationError("Số không hợp lệ (viết như 1.234,56).") from None
        if not number.is_finite():
            raise forms.ValidationError("Số không hợp lệ.")
        return number

    def prepare_value(self, value):
        if isinstance(value, Decimal | int | float):
            from chidao.web.templatetags.vn import format_number

            return format_number(value)
        return value


class _NameChoices(ModelChoiceIterator):
    """(id, name) pairs straight from the database: no model instance per option."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")

    def __len__(self):
        return self.queryset.count() + (self.field.empty_label is not None)


class _FastSelect(forms.Select):
    """A select rendered in one pass. Django renders each option through a template, which
    takes a tenth of a second for the thousands of bodies of a province or the nation."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) == chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class BodyFilterField(forms.ModelChoiceField):
    """The body filter of the registers and the dashboard: fast with thousands of bodies."""

    iterator = _NameChoices
    widget = _FastSelect


class DashboardForm(forms.Form):
    co_quan = BodyFilterField(
        label="Cơ quan, đơn vị", queryset=None, required=False, empty_label="(mặc định)"
    )
    nam = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2200)
    den_ngay = VNDateField(label="Số liệu đến ngày", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from chidao.orgs.selectors import bodies_referred_to
        from chidao.tasks.models import TaskGroup

        self.fields["co_quan"].queryset = bodies_referred_to(TaskGroup, "owner")


class SearchForm(forms.Form):
    q = forms.CharField(label="Từ khóa (gõ có dấu hoặc không dấu)", required=False, max_length=200)


def end_of(year: int) -> dt.date:
    return dt.date(year, 12, 31)
