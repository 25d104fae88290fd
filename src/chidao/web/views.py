"""The dashboard (home page) and the search over every register."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from chidao.core.search import KIND_LABELS, search
from chidao.web import dashboard
from chidao.web.forms import DashboardForm, SearchForm


@login_required
def home(request):
    form = DashboardForm(request.GET or None)
    body = year = end = None
    if form.is_bound and form.is_valid():
        body = form.cleaned_data.get("co_quan")
        year = form.cleaned_data.get("nam")
        end = form.cleaned_data.get("den_ngay")
    body = body or dashboard.default_body(request.user)
    board = None
    if body is not None:
        if end is not None and year is None:
            year = end.year
        default_year, default_end = dashboard.default_period(body, year)
        year = year or default_year
        if end is None or end.year != year:
            end = default_end
        board = dashboard.build(request.user, body, year, end)
        if not form.is_bound:
            form = DashboardForm(initial={"co_quan": body, "nam": year, "den_ngay": end})
    context = {
        "form": form,
        "board": board,
        "chart_json": json.dumps(board.chart_data() if board else {}, ensure_ascii=False),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "bang-tin":
        return render(request, "web/_dashboard.html", context)
    return render(request, "web/home.html", context)


# kind -> (selectors module, visible_* function, url name of the detail page)
_VISIBLE = {
    "document": ("chidao.documents.selectors", "visible_documents", "documents:detail"),
    "meeting": ("chidao.meetings.selectors", "visible_meetings", "meetings:detail"),
    "task": ("chidao.tasks.selectors", "visible_tasks", "tasks:detail"),
    "recommendation": (
        "chidao.recommendations.selectors",
        "visible_recommendations",
        "recommendations:detail",
    ),
    "indicator": ("chidao.indicators.selectors", "visible_indicators", "indicators:detail"),
    "organization": ("chidao.orgs.selectors", "visible_organizations", "orgs:detail"),
    "person": ("chidao.orgs.selectors", "visible_people", "orgs:person_detail"),
}


def visible_hits(user, hits):
    """Keep the hits the user may see, grouped by kind, in rank order."""
    import importlib

    by_kind: dict[str, list[int]] = {}
    for kind, pk in hits:
        by_kind.setdefault(kind, []).append(pk)
    groups = []
    for kind, ids in by_kind.items():
        module, function, url_name = _VISIBLE[kind]
        visible = getattr(importlib.import_module(module), function)(user)
        found = {o.pk: o for o in visible.filter(pk__in=ids)}
        rows = [
            {"object": found[pk], "url": reverse(url_name, args=[pk])} for pk in ids if pk in found
        ]
        if rows:
            groups.append(
                {"kind": kind, "label": KIND_LABELS[kind], "rows": rows[:50], "count": len(rows)}
            )
    return groups


@login_required
def search_view(request):
    form = SearchForm(request.GET or None)
    groups = []
    query = ""
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            groups = visible_hits(request.user, search(query, limit=500))
    context = {"form": form, "groups": groups, "query": query}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "ket-qua":
        return render(request, "web/_search_results.html", context)
    return render(request, "web/search.html", context)
