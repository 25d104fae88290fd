"""Notification list (mark read), preferences, and the office's reminder rules.

Every write goes through :mod:`chidao.reminders.services`; buttons post forms with the CSRF
token and work with or without HTMX (with it, only the changed row and the bell are swapped).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from chidao.core.access import can
from chidao.core.errors import NotFound, ServiceError
from chidao.orgs.models import Organization
from chidao.reminders import services
from chidao.reminders.forms import PreferenceForm, RuleForm
from chidao.reminders.models import ReminderRule
from chidao.reminders.services import RULE_FIELDS


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _next_or(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def notification_list(request):
    items = services.notifications_of(request.user)
    unread_only = request.GET.get("chua-doc") == "1"
    if unread_only:
        items = items.filter(read_at__isnull=True)
    page = Paginator(items, 30).get_page(request.GET.get("trang"))
    return render(
        request,
        "reminders/list.html",
        {
            "page": page,
            "unread_only": unread_only,
            "unread": services.unread_count_of(request.user),
        },
    )


@login_required
@require_POST
def mark_read(request, pk: int):
    try:
        item = services.do_mark_read(request.user, pk)
    except NotFound as error:
        raise Http404(error.message) from error
    if _is_htmx(request):
        row = render_to_string("reminders/_row.html", {"n": item}, request=request)
        bell = render_to_string(
            "reminders/_bell.html",
            {"oob": True, "reminders_unread": services.unread_count_of(request.user)},
            request=request,
        )
        return HttpResponse(row + bell)
    return redirect(_next_or(request, "reminders:list"))


@login_required
@require_POST
def mark_all_read(request):
    count = services.do_mark_all_read(request.user)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return redirect(_next_or(request, "reminders:list"))


@login_required
def preferences(request):
    current = services.preference_of(request.user)
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            try:
                services.do_set_preference(
                    request.user,
                    digest=form.cleaned_data["digest"],
                    email_enabled=form.cleaned_data["email_enabled"],
                )
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, "Đã lưu cài đặt nhận thông báo.")
                return redirect("reminders:preferences")
    else:
        form = PreferenceForm(
            initial={"digest": current.digest, "email_enabled": current.email_enabled}
        )
    return render(request, "reminders/preferences.html", {"form": form})


def _require_rules(request) -> None:
    if not can(request.user, "reminder.rules"):
        raise PermissionDenied("Bạn không có quyền sửa quy tắc nhắc việc.")


@login_required
def rule_list(request):
    _require_rules(request)
    rules = list(ReminderRule.objects.select_related("body"))
    default = next((r for r in rules if r.body_id is None), None)
    return render(
        request,
        "reminders/rules.html",
        {
            "default_rule": default,
            "shipped": services.shipped_defaults(),
            "body_rules": [r for r in rules if r.body_id is not None],
        },
    )


@login_required
def rule_edit(request, pk: int | None = None):
    _require_rules(request)
    rule = get_object_or_404(ReminderRule, pk=pk) if pk else None
    if rule is None:
        shipped = services.shipped_defaults()
        instance = ReminderRule(**{name: getattr(shipped, name) for name in RULE_FIELDS})
    else:
        instance = rule
    if request.method == "POST":
        form = RuleForm(request.POST, instance=instance, editing=rule is not None)
        form.fields["body"].queryset = Organization.objects.all()
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in RULE_FIELDS}
            try:
                if rule is None:
                    services.do_save_rule(request.user, body=form.cleaned_data["body"], **values)
                else:
                    services.do_save_rule(
                        request.user,
                        rule=rule,
                        expected_version=form.cleaned_data.get("version"),
                        **values,
                    )
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, "Đã lưu quy tắc nhắc việc.")
                return redirect("reminders:rules")
    else:
        form = RuleForm(instance=instance, editing=rule is not None)
    return render(request, "reminders/rule_form.html", {"form": form, "rule": rule})


@login_required
@require_POST
def rule_delete(request, pk: int):
    _require_rules(request)
    rule = get_object_or_404(ReminderRule, pk=pk)
    try:
        services.do_delete_rule(request.user, rule)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Đã xóa quy tắc; cơ quan này theo quy tắc chung.")
    return redirect("reminders:rules")
