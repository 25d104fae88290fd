"""Forms of the recommendations screens: they only validate; the views call the services."""

from __future__ import annotations

from django import forms

from chidao.meetings.models import Meeting
from chidao.orgs.models import Organization
from chidao.orgs.selectors import bodies_referred_to
from chidao.recommendations.models import Recommendation
from chidao.recommendations.states import STATUS_CHOICES
from chidao.web.forms import BodyFilterField, VNDateField


class RecommendationFilterForm(forms.Form):
    q = forms.CharField(label="Tìm (không cần dấu)", required=False, max_length=200)
    trang_thai = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "(tất cả)"), *STATUS_CHOICES]
    )
    co_quan = BodyFilterField(
        label="Cơ quan kiến nghị",
        required=False,
        queryset=Organization.objects.none(),
        empty_label="(tất cả)",
    )
    qua_han = forms.BooleanField(label="Chỉ kiến nghị quá hạn trả lời", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].queryset = bodies_referred_to(Recommendation, "raised_by")


class ReceiveForm(forms.Form):
    text = forms.CharField(label="Nội dung kiến nghị", widget=forms.Textarea(attrs={"rows": 3}))
    raised_by = forms.ModelChoiceField(
        label="Cơ quan kiến nghị", queryset=Organization.objects.all()
    )
    addressed_to = forms.ModelChoiceField(
        label="Kiến nghị với", queryset=Organization.objects.all()
    )
    received_on = VNDateField(label="Ngày tiếp nhận", required=False)
    meeting = forms.ModelChoiceField(
        label="Nêu tại hội nghị, buổi làm việc", required=False, queryset=Meeting.objects.all()
    )


class ForwardForm(forms.Form):
    sectors = forms.ModelMultipleChoiceField(
        label="Chuyển đến các ngành",
        queryset=Organization.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    due_on = VNDateField(label="Hạn trả lời", required=False)
    note = forms.CharField(
        label="Ghi chú",
        required=False,
        initial="Nghiên cứu, tham mưu giải quyết",
        max_length=500,
    )


class AnswerForm(forms.Form):
    text = forms.CharField(label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 3}))
    from_body = forms.ModelChoiceField(
        label="Cơ quan trả lời",
        required=False,
        queryset=Organization.objects.none(),
        empty_label="(tự chọn theo đơn vị của bạn)",
    )
    answered_on = VNDateField(label="Ngày trả lời", required=False)

    def __init__(self, *args, sectors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_body"].queryset = Organization.objects.filter(pk__in=list(sectors))


class ResolveForm(forms.Form):
    note = forms.CharField(label="Kết quả giải quyết", required=False, max_length=1000)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Lý do không giải quyết", widget=forms.Textarea(attrs={"rows": 2})
    )
