from __future__ import annotations

from django import forms

from chidao.reminders.models import Delivery, ReminderRule


class PreferenceForm(forms.Form):
    digest = forms.ChoiceField(
        label="Cách nhận thư", choices=Delivery.choices, widget=forms.RadioSelect
    )
    email_enabled = forms.BooleanField(label="Nhận thông báo qua thư điện tử", required=False)


class RuleForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ReminderRule
        fields = [
            "body",
            "enabled",
            "days_before",
            "on_due_day",
            "overdue_every",
            "recommendation_days_before",
            "review_wait_days",
        ]

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = False
        self.fields["body"].empty_label = "(mặc định cho mọi cơ quan)"
        if editing:
            self.fields["body"].disabled = True
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def validate_unique(self):
        # Uniqueness of the body's rule is checked by the service, with a Vietnamese message.
        pass
