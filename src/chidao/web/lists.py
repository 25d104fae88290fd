"""Lists (registers) and detail pages shared by every app: filters from a Django form,
sorting, pagination, diacritic-free full-text search, and the parts of a detail page
(audit history, provenance of figures)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from chidao.core.access import can
from chidao.core.errors import NotFound
from chidao.core.search import matching_ids

PER_PAGE = 25


def register_page(
    request,
    queryset,
    *,
    template: str,
    table_template: str,
    kind: str,
    form_class,
    lookups: dict[str, str | Callable[[Any, Any], Any]] | None = None,
    sorts: dict[str, str] | None = None,
    default_sort: str = "",
    extra: dict[str, Any] | None = None,
    per_page: int = PER_PAGE,
):
    """Render a register: ``form_class`` validates the filters (``q`` is the search box),
    ``lookups`` maps a filter to a queryset lookup or a function, ``sorts`` maps a
    ``sap_xep`` value to a field; HTMX requests get only the table."""
    lookups = lookups or {}
    sorts = sorts or {}
    form = form_class(request.GET or None)
    qs = queryset
    ranked: list[int] | None = None
    if form.is_bound and form.is_valid():
        for name, value in form.cleaned_data.items():
            if value in (None, "", [], ()) or value is False:
                continue
            if name == "q":
                ranked = matching_ids(value, kind)
                qs = qs.filter(pk__in=ranked)
            elif name in lookups:
                lookup = lookups[name]
                qs = lookup(qs, value) if callable(lookup) else qs.filter(**{lookup: value})
    sort = request.GET.get("sap_xep", "") or default_sort
    key = sort.lstrip("-")
    if key in sorts:
        field = sorts[key]
        qs = qs.order_by(("-" if sort.startswith("-") else "") + field, "-pk")
    elif ranked is not None:
        # Best match first when the user searched and chose no order.
        position = {pk: i for i, pk in enumerate(ranked)}
        qs = sorted(qs, key=lambda o: position.get(o.pk, 0))
    paginator = Paginator(qs, per_page)
    page = paginator.get_page(request.GET.get("trang"))
    context = {
        "form": form,
        "page": page,
        "objects": page.object_list,
        "total": paginator.count,
        "sort": sort,
        "table_template": table_template,
        **(extra or {}),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "ket-qua":
        return render(request, table_template, context)
    return render(request, template, context)


def visible_or_404(getter, user, pk):
    """Call a selectors ``get_visible_*`` and turn NotFound into a 404 (no leak of existence)."""
    try:
        return getter(user, pk)
    except NotFound as error:
        raise Http404(error.message) from None


def detail_parts(user, instance) -> dict[str, Any]:
    """The audit history (for roles that may read it) and the provenance of a record."""
    from chidao.core.audit import history
    from chidao.ingest.models import provenance_for

    parts: dict[str, Any] = {"provenance": provenance_for(instance)}
    parts["provenance_by_field"] = {}
    for link in parts["provenance"]:
        parts["provenance_by_field"].setdefault(link.field or "", link)
    parts["history"] = list(history(instance)[:50]) if can(user, "audit.view") else None
    return parts


def run_service(form, function, *args, **kwargs):
    """Call a service; a ServiceError goes onto the form (on its field when the form has
    one) and None is returned."""
    from chidao.core.errors import ServiceError

    try:
        return function(*args, **kwargs)
    except ServiceError as error:
        form.errors  # noqa: B018 - makes sure the form has its error list (even unbound)
        if not hasattr(form, "cleaned_data"):
            form.cleaned_data = {}
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return None
