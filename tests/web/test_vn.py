"""Vietnamese dates and numbers on screen, and the number input of the forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone

from chidao.web.forms import VNDecimalField, parse_vn_decimal
from chidao.web.templatetags.vn import format_number, signed, vndate, vndatetime, vnpct


def test_numbers():
    assert format_number(Decimal("1234.56")) == "1.234,56"
    assert format_number(Decimal("380.0000")) == "380"
    assert format_number(1234567) == "1.234.567"
    assert format_number("100.96", 2) == "100,96"
    assert vnpct(Decimal("100.9600")) == "100,96%"
    assert signed(Decimal("28.38")) == "+28,38" and signed(Decimal("-3")) == "−3,00"
    assert format_number(None) == ""


def test_dates_in_ho_chi_minh_time():
    assert vndate(dt.date(2021, 8, 19)) == "19/08/2021"
    utc = dt.datetime(2021, 8, 18, 20, 30, tzinfo=dt.UTC)  # 03:30 on the 19th in Hà Nội
    assert vndate(utc) == "19/08/2021"
    assert vndatetime(utc) == "19/08/2021 03:30"
    assert vndate(None) == ""


def test_filters_in_templates():
    html = Template("{% load vn %}{{ d|vndate }} {{ n|vnnum }}").render(
        Context({"d": dt.date(2021, 6, 30), "n": Decimal("376.4")})
    )
    assert html == "30/06/2021 376,4"


@pytest.mark.parametrize(
    "text,value",
    [
        ("1.234,56", "1234.56"),
        ("380", "380"),
        ("376,4", "376.4"),
        ("100.96", "100.96"),
        ("1.234", "1234"),
        ("1.234.567", "1234567"),
    ],
)
def test_vietnamese_number_input(text, value):
    assert parse_vn_decimal(text) == Decimal(value)
    assert VNDecimalField().clean(text) == Decimal(value)


def test_time_zone_setting(settings):
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert timezone.get_current_timezone_name() == "Asia/Ho_Chi_Minh"
