"""Forms of the indicators screens: they only validate; the views call the services."""

from __future__ import annotations

from django import forms

from chidao.indicators.models import Observation, PeriodKind, Qualifier, TargetKind
from chidao.orgs.models import Organization
from chidao.orgs.selectors import bodies_referred_to
from chidao.web.forms import BodyFilterField, VNDateField, VNDecimalField


class IndicatorFilterForm(forms.Form):
    q = forms.CharField(label="Tìm (không cần dấu)", required=False, max_length=200)
    co_quan = BodyFilterField(
        label="Có số liệu của",
        required=False,
        queryset=Organization.objects.none(),
        empty_label="(tất cả)",
    )
    lech = forms.BooleanField(label="Chỉ chỉ tiêu có số liệu lệch", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].queryset = bodies_referred_to(Observation, "body")


class IndicatorForm(forms.Form):
    code = forms.SlugField(label="Mã chỉ tiêu", max_length=64, help_text="Ví dụ: thu_ngan_sach")
    name = forms.CharField(label="Tên chỉ tiêu", max_length=300)
    unit = forms.CharField(label="Đơn vị tính", required=False, max_length=50)
    higher_is_better = forms.BooleanField(label="Càng cao càng tốt", required=False, initial=True)


class TargetForm(forms.Form):
    body = forms.ModelChoiceField(label="Cơ quan, địa phương", queryset=Organization.objects.all())
    year = forms.IntegerField(label="Năm", min_value=1945, max_value=2200)
    kind = forms.ChoiceField(label="Loại", choices=TargetKind.choices)
    value = VNDecimalField(label="Giá trị")
    note = forms.CharField(label="Ghi chú", required=False, max_length=300)


class ObservationForm(forms.Form):
    body = forms.ModelChoiceField(label="Cơ quan, địa phương", queryset=Organization.objects.all())
    period_kind = forms.ChoiceField(label="Loại kỳ", choices=PeriodKind.choices)
    year = forms.IntegerField(label="Năm", min_value=1945, max_value=2200)
    period_number = forms.IntegerField(
        label="Tháng, quý", required=False, min_value=1, max_value=12
    )
    period_end = VNDateField(label="Ngày cuối kỳ", required=False)
    period_label = forms.CharField(label="Kỳ (như văn bản ghi)", required=False, max_length=200)
    value = VNDecimalField(label="Giá trị", required=False)
    qualifier = forms.ChoiceField(label="Từ chỉ mức độ", required=False, choices=Qualifier.choices)
    stated_pct_of_plan = VNDecimalField(
        label="Tỷ lệ so với kế hoạch báo cáo ghi (%)", required=False
    )
    stated_yoy_pct = VNDecimalField(
        label="Tăng, giảm so với cùng kỳ báo cáo ghi (%)", required=False
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
