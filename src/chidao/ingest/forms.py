"""Forms of the import and review screens: they only validate; the views call the services."""

from __future__ import annotations

import json

from django import forms

from chidao.meetings.models import Meeting
from chidao.orgs.models import Organization
from chidao.web.forms import VNDateField


class ImportForm(forms.Form):
    title = forms.CharField(label="Tiêu đề", required=False, max_length=500)
    publication_date = VNDateField(
        label="Ngày đăng, ngày văn bản",
        required=False,
        help_text="Giúp hiểu các ngày viết không có năm, như “Sáng nay (20/6)”",
    )
    text = forms.CharField(
        label="Dán nội dung báo cáo, bài viết",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    file = forms.FileField(label="Hoặc tải tệp lên (.txt, .docx, .pdf, .html)", required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError("Hãy dán nội dung hoặc chọn một tệp.")
        return data


class ReviewContextForm(forms.Form):
    body = forms.ModelChoiceField(
        label="Cơ quan được báo cáo",
        queryset=Organization.objects.all(),
        required=False,
        help_text="Số liệu, kiến nghị của văn bản được ghi cho cơ quan này",
    )
    meeting = forms.ModelChoiceField(
        label="Hội nghị, buổi làm việc",
        queryset=Meeting.objects.all(),
        required=False,
        help_text="Để trống: dùng hội nghị tạo từ dữ liệu “Sự kiện”",
    )
    addressed_to = forms.ModelChoiceField(
        label="Kiến nghị gửi đến",
        queryset=Organization.objects.all(),
        required=False,
        help_text="Để trống: cơ quan cấp trên của cơ quan được báo cáo",
    )


class FactEditForm(forms.Form):
    data = forms.CharField(label="Dữ liệu (JSON)", widget=forms.Textarea(attrs={"rows": 6}))

    def clean_data(self):
        try:
            value = json.loads(self.cleaned_data["data"])
        except ValueError as error:
            raise forms.ValidationError(f"Dữ liệu không phải JSON hợp lệ: {error}") from None
        if not isinstance(value, dict):
            raise forms.ValidationError("Dữ liệu phải là một đối tượng JSON {…}.")
        return value


class RejectForm(forms.Form):
    reason = forms.CharField(label="Lý do loại", required=False, max_length=500)
