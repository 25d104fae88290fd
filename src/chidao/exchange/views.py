"""The spreadsheet page: export links and an upload form per kind (office and admin only).

An upload is checked row by row; the errors are shown in a table (row, column, message)
and nothing is written unless every row is valid.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from chidao.core.access import can
from chidao.exchange.columns import KINDS
from chidao.exchange.export import FORMATS, export_file
from chidao.exchange.importer import ImportResult, import_file
from chidao.orgs.models import Organization


def _kind_or_404(kind: str):
    if kind not in KINDS:
        raise Http404("Không có loại bảng tính này.")
    return KINDS[kind]


def _page(request, *, result: ImportResult | None = None, status: int = 200):
    context = {
        "kinds": list(KINDS.values()),
        "bodies": Organization.objects.order_by("name").only("pk", "name"),
        "can_import": can(request.user, "exchange.import"),
        "result": result,
        "max_mb": settings.CHIDAO_MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "exchange/index.html", context, status=status)


@login_required
def index(request):
    if not (can(request.user, "exchange.export") or can(request.user, "exchange.import")):
        raise PermissionDenied("Bạn không có quyền nhập, xuất bảng tính.")
    return _page(request)


@login_required
def export(request, kind: str):
    _kind_or_404(kind)
    if not can(request.user, "exchange.export"):
        raise PermissionDenied("Bạn không có quyền xuất bảng tính.")
    fmt = request.GET.get("format", "xlsx")
    if fmt not in FORMATS:
        raise Http404("Định dạng phải là xlsx hoặc csv.")
    body = None
    if request.GET.get("body"):
        try:
            body = Organization.objects.get(pk=int(request.GET["body"]))
        except (ValueError, Organization.DoesNotExist):
            raise Http404("Không có cơ quan này.") from None
    year = None
    if request.GET.get("year"):
        try:
            year = int(request.GET["year"])
        except ValueError:
            raise Http404("Năm không hợp lệ.") from None
    exported = export_file(request.user, kind, fmt, body=body, year=year)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@login_required
@require_http_methods(["POST"])
def upload(request, kind: str):
    spec = _kind_or_404(kind)
    if not can(request.user, "exchange.import"):
        raise PermissionDenied("Bạn không có quyền nhập bảng tính.")
    upload = request.FILES.get("file")
    if upload is None:
        return _refused(request, f"Hãy chọn tệp {spec.label} để nhập.")
    if upload.size > settings.CHIDAO_MAX_UPLOAD_BYTES:
        return _refused(request, "Tệp quá lớn.")
    result = import_file(
        request.user,
        kind,
        upload.read(),
        filename=upload.name,
        dry_run=bool(request.POST.get("dry_run")),
    )
    return _page(request, result=result, status=200 if result.ok else 422)


def _refused(request, message: str):
    messages.error(request, message)
    return _page(request, status=400)
