"""Forms of the bodies and people screens: they only validate; the views call the services."""

from __future__ import annotations

from django import forms

from chidao.orgs.models import Organization, OrganizationKind, System
from chidao.web.forms import VNDateField


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label="Tìm (không cần dấu)", required=False, max_length=200)
    loai = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "(tất cả)"), *OrganizationKind.choices]
    )
    he_thong = forms.ChoiceField(
        label="Hệ thống", required=False, choices=[("", "(tất cả)"), *System.choices]
    )
    tinh_trang = forms.ChoiceField(
        label="Tình trạng",
        required=False,
        choices=[("", "(tất cả)"), ("active", "Đang hoạt động"), ("ended", "Đã kết thúc")],
    )


class OrganizationForm(forms.Form):
    name = forms.CharField(label="Tên", max_length=300)
    short_name = forms.CharField(label="Tên viết tắt", required=False, max_length=100)
    kind = forms.ChoiceField(label="Loại", choices=OrganizationKind.choices)
    system = forms.ChoiceField(label="Hệ thống", choices=System.choices)
    parent = forms.ModelChoiceField(
        label="Cơ quan cấp trên", required=False, queryset=Organization.objects.all()
    )
    symbol = forms.CharField(label="Ký hiệu trên số văn bản", required=False, max_length=32)
    valid_from = VNDateField(label="Hoạt động từ", required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def service_kwargs(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class PersonFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên (không cần dấu)", required=False, max_length=200)


class PersonForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=200)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PositionForm(forms.Form):
    title = forms.CharField(label="Chức vụ", max_length=300)
    organization = forms.ModelChoiceField(
        label="Cơ quan", required=False, queryset=Organization.objects.all()
    )
    valid_from = VNDateField(label="Từ ngày", required=False)
    valid_to = VNDateField(label="Đến ngày", required=False)
