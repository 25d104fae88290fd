"""Key tasks: the register, a task with its progress timeline, create and edit, and the
progress reports a unit submits and the office accepts or returns."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chidao.core.access import can
from chidao.tasks import services
from chidao.tasks.forms import ProgressForm, ReturnForm, TaskFilterForm, TaskForm
from chidao.tasks.selectors import (
    get_visible_progress_update,
    get_visible_task,
    visible_tasks,
)
from chidao.web.lists import detail_parts, register_page, run_service, visible_or_404


@login_required
def task_list(request):
    qs = visible_tasks(request.user).select_related("group", "lead_unit")
    return register_page(
        request,
        qs,
        template="tasks/task_list.html",
        table_template="tasks/_task_table.html",
        kind="task",
        form_class=TaskFilterForm,
        lookups={
            "trang_thai": "status",
            "don_vi": "lead_unit",
            "nam": lambda qs, y: qs.filter(Q(group__year=y) | Q(deadline__year=y)),
        },
        sorts={
            "ten": "title",
            "han": "deadline",
            "tien_do": "progress",
            "trang_thai": "status",
            "don_vi": "lead_unit__name",
        },
        extra={"can_create": can(request.user, "task.manage")},
    )


def _task_context(request, task, **forms):
    user = request.user
    lead = [task.lead_unit_id]
    context = {
        "task": task,
        "co_units": list(task.co_units.all()),
        "updates": list(task.updates.select_related("submitted_by", "reviewed_by")),
        "can_edit": can(user, "task.manage", orgs=lead),
        "can_submit": task.completed_on is None and can(user, "progress.submit", orgs=lead),
        "can_review": can(user, "progress.review", orgs=lead),
        "progress_form": forms.get("progress_form") or ProgressForm(),
        "return_form": forms.get("return_form") or ReturnForm(),
        "return_for": forms.get("return_for"),
        **detail_parts(user, task),
    }
    successor = None
    if task.lead_unit.valid_to is not None:
        from chidao.orgs.services import successor_for_open_work

        successor = successor_for_open_work(task.lead_unit)
    context["lead_successor"] = successor
    return context


@login_required
def task_detail(request, pk):
    task = visible_or_404(get_visible_task, request.user, pk)
    return render(request, "tasks/task_detail.html", _task_context(request, task))


@login_required
def task_create(request):
    if not can(request.user, "task.manage"):
        raise PermissionDenied("Bạn không có quyền giao nhiệm vụ.")
    form = TaskForm(request.POST or None, initial={"weight": "1"})
    if request.method == "POST" and form.is_valid():
        task = run_service(form, services.do_create_task, request.user, **form.service_kwargs())
        if task is not None:
            messages.success(request, "Đã giao nhiệm vụ.")
            return redirect("tasks:detail", pk=task.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Giao nhiệm vụ mới",
            "cancel_url": reverse("tasks:list"),
        },
    )


@login_required
@require_POST
def task_from_direction(request, pk):
    """Turn a meeting's direction into a task (the direction's addressee leads it)."""
    from chidao.meetings.selectors import visible_directions

    direction = visible_directions(request.user).select_related("meeting").filter(pk=pk).first()
    if direction is None:
        raise Http404("Không tìm thấy ý kiến chỉ đạo.")
    form = ReturnForm()
    task = run_service(form, services.do_create_task_from_direction, request.user, direction)
    if task is None:
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("meetings:detail", pk=direction.meeting_id)
    messages.success(request, "Đã giao nhiệm vụ từ ý kiến chỉ đạo; hãy kiểm tra lại nội dung.")
    return redirect("tasks:edit", pk=task.pk)


@login_required
def task_edit(request, pk):
    task = visible_or_404(get_visible_task, request.user, pk)
    if not can(request.user, "task.manage", orgs=[task.lead_unit_id]):
        raise PermissionDenied("Bạn không có quyền sửa nhiệm vụ này.")
    initial = {
        "title": task.title,
        "description": task.description,
        "group": task.group,
        "lead_unit": task.lead_unit,
        "co_units": list(task.co_units.all()),
        "approving_body": task.approving_body,
        "deadline": task.deadline,
        "weight": task.weight,
        "version": task.version,
    }
    form = TaskForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        co_units = kwargs.pop("co_units")
        done = run_service(
            form,
            services.do_update_task,
            request.user,
            task,
            expected_version=form.cleaned_data.get("version"),
            co_units=co_units,
            **kwargs,
        )
        if done is not None:
            messages.success(request, "Đã lưu nhiệm vụ.")
            return redirect("tasks:detail", pk=task.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": f"Sửa nhiệm vụ: {task.title[:80]}",
            "cancel_url": reverse("tasks:detail", args=[task.pk]),
        },
    )


@login_required
@require_POST
def progress_submit(request, pk):
    task = visible_or_404(get_visible_task, request.user, pk)
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        update = run_service(
            form,
            services.do_submit_progress,
            request.user,
            task,
            progress=form.cleaned_data["progress"],
            note=form.cleaned_data["note"],
            evidence=form.cleaned_data.get("evidence"),
        )
        if update is not None:
            messages.success(request, "Đã gửi báo cáo tiến độ, chờ văn phòng duyệt.")
            return redirect("tasks:detail", pk=task.pk)
    context = _task_context(request, task, progress_form=form)
    return render(request, "tasks/task_detail.html", context, status=400)


@login_required
@require_POST
def progress_accept(request, pk):
    update = visible_or_404(get_visible_progress_update, request.user, pk)
    form = ReturnForm()
    done = run_service(form, services.do_accept_progress, request.user, update)
    if done is not None:
        messages.success(request, f"Đã duyệt báo cáo tiến độ {update.progress}%.")
        return redirect("tasks:detail", pk=update.task_id)
    for error in form.non_field_errors():
        messages.error(request, error)
    return redirect("tasks:detail", pk=update.task_id)


@login_required
@require_POST
def progress_return(request, pk):
    update = visible_or_404(get_visible_progress_update, request.user, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        done = run_service(
            form,
            services.do_return_progress,
            request.user,
            update,
            reason=form.cleaned_data["reason"],
        )
        if done is not None:
            messages.success(request, "Đã trả lại báo cáo tiến độ.")
            return redirect("tasks:detail", pk=update.task_id)
    task = get_visible_task(request.user, update.task_id)
    context = _task_context(request, task, return_form=form, return_for=update.pk)
    return render(request, "tasks/task_detail.html", context, status=400)


@login_required
def progress_evidence(request, pk):
    update = visible_or_404(get_visible_progress_update, request.user, pk)
    if not update.evidence:
        raise Http404("Báo cáo này không có tệp minh chứng.")
    return FileResponse(
        update.evidence.open("rb"),
        as_attachment=True,
        filename=update.evidence.name.rsplit("/", 1)[-1],
    )
