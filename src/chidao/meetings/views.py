"""Meetings: the register, a meeting with its participants, documents, directions (and
the tasks made from them) and recommendations, and create/edit through the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chidao.core.access import can
from chidao.documents.selectors import visible_documents
from chidao.meetings import services
from chidao.meetings.forms import DirectionForm, MeetingFilterForm, MeetingForm
from chidao.meetings.selectors import get_visible_meeting, visible_meetings
from chidao.web.lists import detail_parts, register_page, run_service, visible_or_404


@login_required
def meeting_list(request):
    qs = visible_meetings(request.user).select_related("host")
    return register_page(
        request,
        qs,
        template="meetings/meeting_list.html",
        table_template="meetings/_meeting_table.html",
        kind="meeting",
        form_class=MeetingFilterForm,
        lookups={"loai": "kind", "co_quan": "host", "nam": "held_on__year"},
        sorts={"ten": "title", "ngay": "held_on", "loai": "kind", "co_quan": "host__name"},
        extra={"can_create": can(request.user, "meeting.manage")},
    )


def _context(request, meeting, direction_form=None):
    from chidao.recommendations.selectors import visible_recommendations
    from chidao.tasks.selectors import visible_tasks

    user = request.user
    docs = visible_documents(user)
    directions = list(meeting.directions.select_related("given_by", "addressed_to"))
    tasks = visible_tasks(user).filter(origin_direction__meeting=meeting)
    by_direction: dict[int, list] = {}
    for task in tasks:
        by_direction.setdefault(task.origin_direction_id, []).append(task)
    for direction in directions:
        direction.task_list = by_direction.get(direction.pk, [])
    conclusion = (
        meeting.conclusion
        if meeting.conclusion_id and docs.filter(pk=meeting.conclusion_id).exists()
        else None
    )
    return {
        "meeting": meeting,
        "participants": list(meeting.participants.select_related("person")),
        "visiting": list(meeting.visiting_bodies.all()),
        "documents": list(docs.filter(meetings_presented=meeting)),
        "conclusion": conclusion,
        "directions": directions,
        "recommendations": list(visible_recommendations(user).filter(meeting=meeting)),
        "can_edit": can(user, "meeting.manage", orgs=[meeting.host_id]),
        "can_assign": can(user, "task.manage"),
        "direction_form": direction_form or DirectionForm(),
        **detail_parts(user, meeting),
    }


@login_required
def meeting_detail(request, pk):
    meeting = visible_or_404(get_visible_meeting, request.user, pk)
    return render(request, "meetings/meeting_detail.html", _context(request, meeting))


@login_required
def meeting_create(request):
    if not can(request.user, "meeting.manage"):
        raise PermissionDenied("Bạn không có quyền quản lý hội nghị, buổi làm việc.")
    form = MeetingForm(request.POST or None, documents=visible_documents(request.user))
    if request.method == "POST" and form.is_valid():
        meeting = run_service(
            form, services.do_create_meeting, request.user, **form.service_kwargs()
        )
        if meeting is not None:
            messages.success(request, "Đã ghi hội nghị, buổi làm việc.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Ghi hội nghị, buổi làm việc",
            "cancel_url": reverse("meetings:list"),
        },
    )


@login_required
def meeting_edit(request, pk):
    meeting = visible_or_404(get_visible_meeting, request.user, pk)
    if not can(request.user, "meeting.manage", orgs=[meeting.host_id]):
        raise PermissionDenied("Bạn không có quyền sửa hội nghị, buổi làm việc này.")
    initial = {
        "kind": meeting.kind,
        "title": meeting.title,
        "held_on": meeting.held_on,
        "place": meeting.place,
        "host": meeting.host,
        "chair": meeting.chair,
        "period_label": meeting.period_label,
        "visiting_bodies": list(meeting.visiting_bodies.all()),
        "documents_presented": list(meeting.documents_presented.all()),
        "version": meeting.version,
    }
    form = MeetingForm(
        request.POST or None, initial=initial, documents=visible_documents(request.user)
    )
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            services.do_update_meeting,
            request.user,
            meeting,
            expected_version=form.cleaned_data.get("version"),
            **form.service_kwargs(),
        )
        if done is not None:
            messages.success(request, "Đã lưu.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": f"Sửa: {meeting.title[:80]}",
            "cancel_url": reverse("meetings:detail", args=[pk]),
        },
    )


@login_required
@require_POST
def direction_add(request, pk):
    meeting = visible_or_404(get_visible_meeting, request.user, pk)
    form = DirectionForm(request.POST)
    if form.is_valid():
        done = run_service(
            form, services.do_add_direction, request.user, meeting, **form.cleaned_data
        )
        if done is not None:
            messages.success(request, "Đã thêm ý kiến chỉ đạo.")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request, "meetings/meeting_detail.html", _context(request, meeting, form), status=400
    )
