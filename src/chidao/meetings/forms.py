"""Forms of the meetings screens: they only validate; the views call the services."""

from __future__ import annotations

from django import forms

from chidao.documents.models import Document
from chidao.meetings.models import Meeting, MeetingKind
from chidao.orgs.models import Organization, Person
from chidao.orgs.selectors import bodies_referred_to
from chidao.web.forms import BodyFilterField, VNDateField


class MeetingFilterForm(forms.Form):
    q = forms.CharField(label="Tìm (không cần dấu)", required=False, max_length=200)
    loai = forms.ChoiceField(
        label="Loại", required=False, choices=[("", "(tất cả)"), *MeetingKind.choices]
    )
    co_quan = BodyFilterField(
        label="Cơ quan chủ trì",
        required=False,
        queryset=Organization.objects.none(),
        empty_label="(tất cả)",
    )
    nam = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].queryset = bodies_referred_to(Meeting, "host")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="Loại", choices=MeetingKind.choices)
    title = forms.CharField(label="Tiêu đề", max_length=500)
    held_on = VNDateField(label="Ngày họp")
    place = forms.CharField(label="Địa điểm", required=False, max_length=300)
    host = forms.ModelChoiceField(
        label="Cơ quan chủ trì, nơi làm việc", queryset=Organization.objects.all()
    )
    chair = forms.ModelChoiceField(
        label="Người chủ trì", required=False, queryset=Person.objects.all()
    )
    period_label = forms.CharField(label="Kỳ báo cáo", required=False, max_length=100)
    visiting_bodies = forms.ModelMultipleChoiceField(
        label="Đoàn công tác, cơ quan dự",
        required=False,
        queryset=Organization.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    documents_presented = forms.ModelMultipleChoiceField(
        label="Văn bản trình bày",
        required=False,
        queryset=Document.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if documents is not None:
            self.fields["documents_presented"].queryset = documents

    def service_kwargs(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        data["visiting_bodies"] = list(data.get("visiting_bodies") or [])
        data["documents_presented"] = list(data.get("documents_presented") or [])
        return data


class DirectionForm(forms.Form):
    text = forms.CharField(label="Nội dung chỉ đạo", widget=forms.Textarea(attrs={"rows": 2}))
    given_by = forms.ModelChoiceField(
        label="Người chỉ đạo", required=False, queryset=Person.objects.all()
    )
    addressed_to = forms.ModelChoiceField(
        label="Giao cho", required=False, queryset=Organization.objects.all()
    )
    deadline = VNDateField(label="Thời hạn", required=False)
