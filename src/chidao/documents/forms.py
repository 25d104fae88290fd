"""Forms of the documents screens: they only validate; the views call the services."""

from __future__ import annotations

from django import forms

from chidao.core.access import cleared_for
from chidao.core.models import Classification
from chidao.documents.models import Document, DocumentType
from chidao.orgs.models import Organization
from chidao.orgs.selectors import bodies_referred_to
from chidao.web.forms import BodyFilterField, VNDateField


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label="Tìm (số, trích yếu; không cần dấu)", required=False, max_length=200)
    loai = forms.ModelChoiceField(
        label="Loại văn bản",
        required=False,
        queryset=DocumentType.objects.all(),
        empty_label="(tất cả)",
    )
    co_quan = BodyFilterField(
        label="Cơ quan ban hành",
        required=False,
        queryset=Organization.objects.none(),
        empty_label="(tất cả)",
    )
    tu_ngay = VNDateField(label="Ban hành từ ngày", required=False)
    den_ngay = VNDateField(label="đến ngày", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].queryset = bodies_referred_to(Document, "issuer")


class DocumentForm(forms.Form):
    raw_number = forms.CharField(
        label="Số, ký hiệu",
        required=False,
        max_length=100,
        help_text="Như trên văn bản: 10-CT/TW, 123/QĐ-UBND; để trống nếu chưa có số",
    )
    doc_type = forms.ModelChoiceField(label="Loại văn bản", queryset=DocumentType.objects.all())
    issuer = forms.ModelChoiceField(label="Cơ quan ban hành", queryset=Organization.objects.all())
    issued_on = VNDateField(label="Ngày ban hành", required=False)
    excerpt = forms.CharField(
        label="Trích yếu", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    signer_title = forms.CharField(label="Chức vụ người ký", required=False, max_length=300)
    classification = forms.TypedChoiceField(
        label="Độ mật", coerce=int, choices=Classification.choices, initial=Classification.NORMAL
    )
    file = forms.FileField(label="Tệp văn bản", required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["classification"].choices = [
                (v, label) for v, label in Classification.choices if cleared_for(user, v)
            ]

    def service_kwargs(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        if not data.get("file"):
            data.pop("file", None)
        if not data.get("raw_number"):
            data.pop("raw_number", None)
        return data
