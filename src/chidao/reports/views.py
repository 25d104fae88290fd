"""``/bao-cao/?body=<id>&period=<p>&format=docx|pdf``: the review report as a download.

Leaders, office staff and administrators get the report of any body; a unit user only
that of their own body (or one below it). Reserving a number stays with the command and
the office (it writes to the number register).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest

from chidao.core.access import can_view_org_work
from chidao.core.errors import ServiceError
from chidao.orgs.models import Organization
from chidao.reports.build import FORMATS, build_report


@login_required
def review_report(request):
    try:
        body = Organization.objects.get(pk=int(request.GET.get("body", "")))
    except (ValueError, Organization.DoesNotExist):
        raise Http404("Không có cơ quan này.") from None
    if not can_view_org_work(request.user, [body]):
        raise PermissionDenied("Bạn chỉ xem được báo cáo của đơn vị mình.")
    fmt = request.GET.get("format", "docx")
    if fmt not in FORMATS:
        return HttpResponseBadRequest("Định dạng báo cáo phải là docx hoặc pdf.")
    period = request.GET.get("period", "")
    try:
        report = build_report(request.user, body, period, fmt)
    except ServiceError as error:
        return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
    response = HttpResponse(report.content, content_type=report.content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    return response
