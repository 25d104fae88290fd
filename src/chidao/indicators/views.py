"""Indicators: the register, an indicator with its targets and figures (shares stated and
computed, flags, the sentence each figure came from), and recording through the services."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from chidao.core.access import can
from chidao.indicators import services
from chidao.indicators.forms import IndicatorFilterForm, IndicatorForm, ObservationForm, TargetForm
from chidao.indicators.selectors import (
    get_visible_indicator,
    visible_indicators,
    visible_observations,
    visible_targets,
)
from chidao.web.lists import detail_parts, register_page, run_service, visible_or_404


@login_required
def indicator_list(request):
    return register_page(
        request,
        visible_indicators(request.user),
        template="indicators/indicator_list.html",
        table_template="indicators/_indicator_table.html",
        kind="indicator",
        form_class=IndicatorFilterForm,
        lookups={
            "co_quan": lambda qs, body: qs.filter(observations__body=body).distinct(),
            "lech": lambda qs, _v: qs.filter(observations__is_flagged=True).distinct(),
        },
        sorts={"ten": "name", "ma": "code", "don_vi": "unit"},
        extra={"can_create": can(request.user, "indicator.manage")},
    )


def _context(request, indicator, **forms):
    from chidao.ingest.models import provenance_for

    user = request.user
    observations = list(
        visible_observations(user)
        .filter(indicator=indicator)
        .select_related("body", "target")
        .order_by("body__name", "year", "period_end", "id")
    )
    for obs in observations:
        links = provenance_for(obs)
        obs.provenance_links = links
        obs.source_link = next((k for k in links if k.field in (None, "", "value")), None)
    series = [
        {"label": f"{o.body} — {o.period_label or o.year}", "value": float(o.value)}
        for o in observations
        if o.value is not None
    ]
    return {
        "indicator": indicator,
        "targets": list(visible_targets(user).filter(indicator=indicator).select_related("body")),
        "observations": observations,
        "series_json": json.dumps(series, ensure_ascii=False),
        "can_manage": can(user, "indicator.manage"),
        "can_record": can(user, "observation.record")
        or can(user, "observation.record", orgs=[user.organization_id]),
        "target_form": forms.get("target_form") or TargetForm(),
        "observation_form": forms.get("observation_form") or ObservationForm(),
        **detail_parts(user, indicator),
    }


@login_required
def indicator_detail(request, pk):
    indicator = visible_or_404(get_visible_indicator, request.user, pk)
    return render(request, "indicators/indicator_detail.html", _context(request, indicator))


@login_required
def indicator_create(request):
    if not can(request.user, "indicator.manage"):
        raise PermissionDenied("Bạn không có quyền quản lý chỉ tiêu.")
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indicator = run_service(
            form, services.do_create_indicator, request.user, **form.cleaned_data
        )
        if indicator is not None:
            messages.success(request, "Đã tạo chỉ tiêu.")
            return redirect("indicators:detail", pk=indicator.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Tạo chỉ tiêu",
            "cancel_url": reverse("indicators:list"),
        },
    )


@login_required
def target_set(request, pk):
    indicator = visible_or_404(get_visible_indicator, request.user, pk)
    form = TargetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form, services.do_set_target, request.user, indicator, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, "Đã ghi mục tiêu.")
            return redirect("indicators:detail", pk=pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": f"Mục tiêu: {indicator.name}",
            "cancel_url": reverse("indicators:detail", args=[pk]),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def observation_record(request, pk):
    indicator = visible_or_404(get_visible_indicator, request.user, pk)
    form = ObservationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        body = data.pop("body")
        done = run_service(
            form, services.do_record_observation, request.user, indicator, body=body, **data
        )
        if done is not None:
            messages.success(request, "Đã ghi số liệu.")
            return redirect("indicators:detail", pk=pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": f"Ghi số liệu: {indicator.name}",
            "cancel_url": reverse("indicators:detail", args=[pk]),
        },
        status=400 if request.method == "POST" else 200,
    )
