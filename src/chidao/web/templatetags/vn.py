"""Vietnamese dates and numbers: 19/08/2021, 1.234,56, and a few screen helpers.

Numbers use babel's ``format_decimal(locale="vi")`` when babel is installed, else the
same pattern written by hand ("." groups thousands, "," is the decimal mark).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()

try:  # pragma: no cover - depends on what is installed
    from babel.numbers import format_decimal as _babel_format
except ImportError:  # pragma: no cover
    _babel_format = None


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value, places: int | None = None) -> str:
    """1234.5 → "1.234,5"; ``places`` fixes the decimals, else up to 2 without trailing zeros."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    pattern = "#,##0.##" if places is None else "#,##0" + ("." + "0" * places if places else "")
    if _babel_format is not None:
        return _babel_format(number, format=pattern, locale="vi")
    quantum = Decimal(1).scaleb(-(places if places is not None else 2))
    text = f"{number.quantize(quantum):,f}"
    if places is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@register.filter
def vnnum(value, places=None):
    """{{ value|vnnum }} → 1.234,56; {{ value|vnnum:2 }} always two decimals."""
    try:
        places = int(places) if places not in (None, "") else None
    except (TypeError, ValueError):
        places = None
    return format_number(value, places)


@register.filter
def vnpct(value, places=2):
    """{{ 100.96|vnpct }} → 100,96%"""
    text = vnnum(value, places)
    return f"{text}%" if text else ""


@register.filter
def vndate(value):
    """A date (or datetime, shown in Asia/Ho_Chi_Minh) as dd/mm/yyyy."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@register.filter
def vndatetime(value):
    """A datetime as dd/mm/yyyy HH:MM in Asia/Ho_Chi_Minh."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%d/%m/%Y %H:%M")
    return vndate(value)


@register.filter
def signed(value, places=2):
    """+28,38 / -3,00 for a change."""
    number = _decimal(value)
    if number is None:
        return ""
    text = format_number(abs(number), int(places))
    return ("+" if number > 0 else "−" if number < 0 else "") + text


@register.simple_tag(takes_context=True)
def sort_link(context, field, label):
    """A column header that sorts by ``field`` (and back), keeping the other query parameters."""
    request = context["request"]
    params = request.GET.copy()
    current = params.get("sap_xep", "")
    if current == field:
        new, arrow, aria = f"-{field}", " ▲", "ascending"
    elif current == f"-{field}":
        new, arrow, aria = field, " ▼", "descending"
    else:
        new, arrow, aria = field, "", "none"
    params["sap_xep"] = new
    params.pop("trang", None)
    return format_html(
        '<a href="?{}" data-sort="{}" title="Sắp xếp theo {}">{}{}</a>',
        params.urlencode(),
        aria,
        label.lower(),
        label,
        arrow,
    )


@register.simple_tag(takes_context=True)
def page_url(context, number):
    params = context["request"].GET.copy()
    params["trang"] = number
    return "?" + params.urlencode()
