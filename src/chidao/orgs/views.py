"""Bodies and people: registers, details (a body that ended shows its successor), and
create/edit through the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from chidao.core.access import can
from chidao.orgs import services
from chidao.orgs.forms import (
    OrganizationFilterForm,
    OrganizationForm,
    PersonFilterForm,
    PersonForm,
    PositionForm,
)
from chidao.orgs.selectors import (
    get_visible_organization,
    get_visible_person,
    visible_organizations,
    visible_people,
)
from chidao.web.lists import detail_parts, register_page, run_service, visible_or_404


def _status(qs, value):
    return (
        qs.filter(valid_to__isnull=True) if value == "active" else qs.filter(valid_to__isnull=False)
    )


@login_required
def organization_list(request):
    return register_page(
        request,
        visible_organizations(request.user).select_related("parent"),
        template="orgs/organization_list.html",
        table_template="orgs/_organization_table.html",
        kind="organization",
        form_class=OrganizationFilterForm,
        lookups={"loai": "kind", "he_thong": "system", "tinh_trang": _status},
        sorts={"ten": "name", "loai": "kind", "ky_hieu": "symbol", "tu": "valid_from"},
        extra={"can_create": can(request.user, "org.manage")},
    )


@login_required
def organization_detail(request, pk):
    from chidao.documents.selectors import visible_documents
    from chidao.tasks.selectors import visible_tasks

    org = visible_or_404(get_visible_organization, request.user, pk)
    user = request.user
    context = {
        "org": org,
        "children": list(org.children.all()[:100]),
        "successions": list(org.succession_to.select_related("successor")),
        "predecessions": list(org.succession_from.select_related("predecessor")),
        "terms": list(org.terms.all()),
        "positions": list(org.positions.select_related("person")[:100]),
        "task_count": visible_tasks(user).filter(lead_unit=org).count(),
        "document_count": visible_documents(user).filter(issuer=org).count(),
        "can_edit": can(user, "org.manage"),
        **detail_parts(user, org),
    }
    return render(request, "orgs/organization_detail.html", context)


@login_required
def organization_create(request):
    if not can(request.user, "org.manage"):
        raise PermissionDenied("Bạn không có quyền quản lý cơ quan, tổ chức.")
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = run_service(
            form, services.do_create_organization, request.user, **form.service_kwargs()
        )
        if org is not None:
            messages.success(request, "Đã tạo cơ quan, tổ chức.")
            return redirect("orgs:detail", pk=org.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Tạo cơ quan, tổ chức",
            "cancel_url": reverse("orgs:list"),
        },
    )


@login_required
def organization_edit(request, pk):
    org = visible_or_404(get_visible_organization, request.user, pk)
    if not can(request.user, "org.manage"):
        raise PermissionDenied("Bạn không có quyền quản lý cơ quan, tổ chức.")
    initial = {
        f: getattr(org, f)
        for f in (
            "name",
            "short_name",
            "kind",
            "system",
            "parent",
            "symbol",
            "valid_from",
            "version",
        )
    }
    form = OrganizationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.do_update_organization,
            request.user,
            org,
            expected_version=form.cleaned_data.get("version"),
            **form.service_kwargs(),
        )
        if done is not None:
            messages.success(request, "Đã lưu.")
            return redirect("orgs:detail", pk=pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": f"Sửa {org}",
            "cancel_url": reverse("orgs:detail", args=[pk]),
        },
    )


@login_required
def person_list(request):
    return register_page(
        request,
        visible_people(request.user),
        template="orgs/person_list.html",
        table_template="orgs/_person_table.html",
        kind="person",
        form_class=PersonFilterForm,
        sorts={"ten": "full_name"},
        extra={"can_create": can(request.user, "person.manage")},
    )


def _person_context(request, person, position_form=None):
    return {
        "person": person,
        "positions": list(person.positions.select_related("organization")),
        "meetings": list(person.meetings_chaired.all()[:50]),
        "participations": list(person.participations.select_related("meeting")[:50]),
        "can_edit": can(request.user, "person.manage"),
        "position_form": position_form or PositionForm(),
        **detail_parts(request.user, person),
    }


@login_required
def person_detail(request, pk):
    person = visible_or_404(get_visible_person, request.user, pk)
    return render(request, "orgs/person_detail.html", _person_context(request, person))


@login_required
def person_create(request):
    if not can(request.user, "person.manage"):
        raise PermissionDenied("Bạn không có quyền quản lý cán bộ.")
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = run_service(form, services.do_create_person, request.user, **form.cleaned_data)
        if person is not None:
            messages.success(request, "Đã thêm cán bộ.")
            return redirect("orgs:person_detail", pk=person.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Thêm cán bộ",
            "cancel_url": reverse("orgs:person_list"),
        },
    )


@login_required
def position_add(request, pk):
    person = visible_or_404(get_visible_person, request.user, pk)
    if request.method != "POST":
        return redirect("orgs:person_detail", pk=pk)
    form = PositionForm(request.POST)
    if form.is_valid():
        done = run_service(
            form, services.do_assign_position, request.user, person, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, "Đã ghi chức vụ.")
            return redirect("orgs:person_detail", pk=pk)
    return render(
        request, "orgs/person_detail.html", _person_context(request, person, form), status=400
    )
