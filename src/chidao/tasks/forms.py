"""Forms of the tasks screens: they only validate; the views call the services."""

from __future__ import annotations

from django import forms

from chidao.orgs.models import Organization
from chidao.orgs.selectors import bodies_referred_to
from chidao.tasks.models import Task, TaskGroup
from chidao.tasks.status import STATUS_CHOICES
from chidao.web.forms import BodyFilterField, VNDateField, VNDecimalField


class TaskFilterForm(forms.Form):
    q = forms.CharField(label="Tìm (không cần dấu)", required=False, max_length=200)
    trang_thai = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "(tất cả)"), *STATUS_CHOICES]
    )
    don_vi = BodyFilterField(
        label="Đơn vị chủ trì",
        required=False,
        queryset=Organization.objects.none(),
        empty_label="(tất cả)",
    )
    nam = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = bodies_referred_to(Task, "lead_unit")


class TaskForm(forms.Form):
    title = forms.CharField(label="Tên nhiệm vụ", max_length=500)
    description = forms.CharField(
        label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    group = forms.ModelChoiceField(
        label="Nhóm nhiệm vụ",
        required=False,
        queryset=TaskGroup.objects.select_related("owner"),
        empty_label="(không thuộc nhóm)",
    )
    lead_unit = forms.ModelChoiceField(label="Đơn vị chủ trì", queryset=Organization.objects.all())
    co_units = forms.ModelMultipleChoiceField(
        label="Đơn vị phối hợp",
        required=False,
        queryset=Organization.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    approving_body = forms.ModelChoiceField(
        label="Cơ quan phê duyệt, giao", required=False, queryset=Organization.objects.all()
    )
    deadline = VNDateField(
        label="Thời hạn", required=False, help_text="Để trống nếu không có thời hạn"
    )
    weight = VNDecimalField(label="Trọng số", required=False, initial="1")
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["co_units"] = list(data.get("co_units") or [])
        if data.get("weight") is None:
            data["weight"] = 1
        return data


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label="Tiến độ (%)", min_value=0, max_value=100)
    note = forms.CharField(
        label="Nội dung báo cáo", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(label="Tệp minh chứng", required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label="Lý do trả lại", widget=forms.Textarea(attrs={"rows": 2}))
