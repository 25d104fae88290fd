"""Recommendations: the register, one recommendation with its routing and answers, and
the moves (receive, forward to sectors, answer, resolve, decline) through the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from chidao.core.access import can
from chidao.recommendations import services
from chidao.recommendations.forms import (
    AnswerForm,
    DeclineForm,
    ForwardForm,
    ReceiveForm,
    RecommendationFilterForm,
    ResolveForm,
)
from chidao.recommendations.selectors import get_visible_recommendation, visible_recommendations
from chidao.recommendations.states import CLOSED, RecStatus
from chidao.web.lists import detail_parts, register_page, run_service, visible_or_404


@login_required
def recommendation_list(request):
    qs = visible_recommendations(request.user).select_related("raised_by", "addressed_to")
    return register_page(
        request,
        qs,
        template="recommendations/recommendation_list.html",
        table_template="recommendations/_recommendation_table.html",
        kind="recommendation",
        form_class=RecommendationFilterForm,
        lookups={
            "trang_thai": "status",
            "co_quan": "raised_by",
            "qua_han": lambda qs, _v: qs.overdue(timezone.localdate()),
        },
        sorts={"noi_dung": "text", "ngay": "received_on", "han": "due_on", "trang_thai": "status"},
        extra={
            "can_create": can(request.user, "recommendation.manage"),
            "today": timezone.localdate(),
        },
    )


def _context(request, rec, **forms):
    user = request.user
    sectors = rec.forwarded_to_ids()
    manage = can(user, "recommendation.manage", orgs=[rec.addressed_to_id])
    status = rec.status
    context = {
        "rec": rec,
        "steps": list(rec.routing_steps.select_related("by_body", "to_body")),
        "responses": list(rec.responses.select_related("from_body", "by_user")),
        "is_overdue": rec.is_overdue(),
        "can_forward": manage
        and status in (RecStatus.RECEIVED, RecStatus.FORWARDED, RecStatus.ANSWERED),
        "can_answer": bool(sectors)
        and status in (RecStatus.FORWARDED, RecStatus.ANSWERED)
        and can(user, "recommendation.answer", orgs=sectors),
        "can_resolve": manage and status == RecStatus.ANSWERED,
        "can_decline": manage and status not in CLOSED,
        "forward_form": forms.get("forward_form") or ForwardForm(),
        "answer_form": forms.get("answer_form") or AnswerForm(sectors=sectors),
        "resolve_form": forms.get("resolve_form") or ResolveForm(),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        **detail_parts(user, rec),
    }
    return context


@login_required
def recommendation_detail(request, pk):
    rec = visible_or_404(get_visible_recommendation, request.user, pk)
    return render(request, "recommendations/recommendation_detail.html", _context(request, rec))


@login_required
def recommendation_create(request):
    if not can(request.user, "recommendation.manage"):
        raise PermissionDenied("Bạn không có quyền tiếp nhận kiến nghị.")
    form = ReceiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rec = run_service(
            form, services.do_receive_recommendation, request.user, **form.cleaned_data
        )
        if rec is not None:
            messages.success(request, "Đã tiếp nhận kiến nghị.")
            return redirect("recommendations:detail", pk=rec.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Tiếp nhận kiến nghị",
            "cancel_url": reverse("recommendations:list"),
        },
    )


def _move(request, pk, form_class, form_name, call, done_message):
    rec = visible_or_404(get_visible_recommendation, request.user, pk)
    kwargs = {"sectors": rec.forwarded_to_ids()} if form_class is AnswerForm else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        result = run_service(form, call, request.user, rec, **form.cleaned_data)
        if result is not None:
            messages.success(request, done_message)
            return redirect("recommendations:detail", pk=rec.pk)
    for error in form.non_field_errors():
        messages.error(request, error)
    context = _context(request, rec, **{form_name: form})
    return render(request, "recommendations/recommendation_detail.html", context, status=400)


@login_required
@require_POST
def recommendation_forward(request, pk):
    return _move(
        request,
        pk,
        ForwardForm,
        "forward_form",
        services.do_forward_recommendation,
        "Đã chuyển kiến nghị đến các ngành.",
    )


@login_required
@require_POST
def recommendation_answer(request, pk):
    def answer(actor, rec, *, text, from_body=None, answered_on=None):
        return services.do_answer_recommendation(
            actor, rec, text=text, from_body=from_body, answered_on=answered_on
        )

    return _move(request, pk, AnswerForm, "answer_form", answer, "Đã ghi nội dung trả lời.")


@login_required
@require_POST
def recommendation_resolve(request, pk):
    return _move(
        request,
        pk,
        ResolveForm,
        "resolve_form",
        services.do_resolve_recommendation,
        "Kiến nghị đã được ghi là đã giải quyết.",
    )


@login_required
@require_POST
def recommendation_decline(request, pk):
    return _move(
        request,
        pk,
        DeclineForm,
        "decline_form",
        services.do_decline_recommendation,
        "Kiến nghị đã được ghi là không giải quyết.",
    )
