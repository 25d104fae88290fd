"""Import and review: paste or upload a report; the facts the extraction engine found
appear beside the text with their phrases highlighted; each is accepted (as found or
edited) or rejected, and accepted ones become records through ``chidao.ingest.accept``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from chidao.core.access import can, sees_everything
from chidao.ingest import accept, services
from chidao.ingest.forms import FactEditForm, ImportForm, RejectForm, ReviewContextForm
from chidao.ingest.models import Fact, FactStatus, Source
from chidao.web.lists import run_service


def _require_import(user):
    if not can(user, "source.import"):
        raise PermissionDenied("Bạn không có quyền nhập văn bản nguồn.")


@login_required
def source_list(request):
    _require_import(request.user)
    sources = Source.objects.annotate(
        n_facts=Count("facts"),
        n_open=Count("facts", filter=Q(facts__status=FactStatus.PROPOSED)),
    ).order_by("-created_at", "-id")[:200]
    return render(request, "ingest/source_list.html", {"sources": sources, "form": ImportForm()})


# The readers explain a refusal in English (for logs and the command line); the screen says
# it in Vietnamese. First matching fragment wins; anything else is shown with its detail.
_REASONS_VI = [
    ("over the limit", "tệp quá lớn, vượt quá giới hạn cho phép"),
    ("zip bomb", "tệp nén bất thường (có thể là zip bomb) nên bị từ chối"),
    ("not a valid .docx", "không phải tệp .docx hợp lệ"),
    ("not a valid pdf", "không phải tệp PDF hợp lệ"),
    ("encrypted", "tệp PDF có mật khẩu"),
    ("no text layer", "tệp PDF không có lớp chữ (có thể là bản quét)"),
    ("empty", "tệp rỗng"),
    ("binary", "tệp nhị phân, không phải văn bản"),
    ("tcvn3", "tệp dùng bảng mã cũ TCVN3 (ABC); hãy chuyển sang Unicode (UTF-8)"),
    ("vni", "tệp dùng bảng mã cũ VNI; hãy chuyển sang Unicode (UTF-8)"),
    ("no text found", "không tìm thấy nội dung văn bản"),
    ("unsupported", "định dạng tệp không được hỗ trợ (chỉ nhận .txt, .docx, .pdf, .html)"),
]


def _reason_vi(reason: str) -> str:
    lowered = reason.lower()
    for fragment, vietnamese in _REASONS_VI:
        if fragment in lowered:
            return vietnamese
    return f"không đọc được nội dung ({reason})"


def _read_upload(upload) -> tuple[str, str | None]:
    from django.conf import settings

    from chidao.ingest.readers import ReadError, read_document

    limit = settings.CHIDAO_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValueError(
            f"Không đọc được tệp {upload.name}: tệp quá lớn, vượt quá giới hạn {limit:,} byte.".replace(
                ",", "."
            )
        )
    suffix = Path(upload.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        try:
            read = read_document(handle.name, max_bytes=limit)
        except ReadError as error:
            raise ValueError(
                f"Không đọc được tệp {upload.name}: {_reason_vi(error.reason)}."
            ) from None
    return read.text, read.title


@login_required
def source_import(request):
    _require_import(request.user)
    bound = request.method == "POST"
    form = ImportForm(request.POST if bound else None, request.FILES if bound else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        text, title, name = data.get("text") or "", data.get("title") or "", ""
        if data.get("file"):
            try:
                text, read_title = _read_upload(data["file"])
            except ValueError as error:
                form.add_error("file", str(error))
                text = None
            else:
                title = title or read_title or ""
                name = data["file"].name
        facts = None
        if text is not None and text.strip():
            from chidao.extraction.pipeline import extract

            # Read before registering, so a text given without a title gets the one found.
            facts = extract(text, publication_date=data.get("publication_date"), path=name or None)
            title = title or (facts.get("title") or "").strip()
        if text is not None:
            source = run_service(
                form,
                services.do_register_source,
                request.user,
                text=text,
                title=title,
                name=name,
                publication_date=data.get("publication_date"),
            )
            if source is not None:
                if not source.facts.exists():
                    if source.text != text:  # registered before under another form
                        from chidao.extraction.pipeline import extract

                        facts = extract(
                            source.text,
                            publication_date=source.publication_date,
                            path=source.name or None,
                        )
                    recorded = run_service(
                        form, services.do_record_facts, request.user, source, facts
                    )
                    if recorded is None:
                        return render(
                            request,
                            "ingest/source_list.html",
                            {"form": form, "sources": []},
                            status=400,
                        )
                    messages.success(request, f"Đã đọc văn bản: {len(recorded)} dữ liệu đề xuất.")
                else:
                    messages.info(request, "Văn bản này đã được nhập trước đây.")
                return redirect("ingest:detail", pk=source.pk)
    return render(
        request,
        "ingest/source_list.html",
        {
            "form": form,
            "sources": Source.objects.order_by("-created_at")[:50],
        },
        status=400 if request.method == "POST" else 200,
    )


def highlighted(text: str, facts) -> str:
    """The text with each fact's phrase in a <mark id="du-lieu-ID">; overlapping phrases
    after the first are left unmarked (their cards still quote them)."""
    parts, position = [], 0
    for fact in sorted(
        (f for f in facts if f.span_start is not None and f.span_end > f.span_start),
        key=lambda f: (f.span_start, -f.span_end),
    ):
        if fact.span_start < position:
            fact.marked = False
            continue
        fact.marked = True
        parts.append(escape(text[position : fact.span_start]))
        parts.append(
            f'<mark class="fact {fact.status}" id="du-lieu-{fact.pk}" '
            f'title="{escape(fact.get_kind_display())}">'
            f"{escape(text[fact.span_start : fact.span_end])}</mark>"
        )
        position = fact.span_end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))


LABELS = {
    "name": "tên",
    "value": "giá trị",
    "unit": "đơn vị",
    "qualifier": "mức độ",
    "pct_of_plan": "% kế hoạch",
    "yoy_pct": "% so cùng kỳ",
    "period": "kỳ",
    "text": "nội dung",
    "by": "người chỉ đạo",
    "positions": "chức vụ",
    "raw": "văn bản",
    "type": "loại",
    "count": "số lượng",
    "total": "tổng số",
    "groups": "số nhóm",
    "completed": "hoàn thành",
    "on_track": "đạt tiến độ",
    "behind": "chậm tiến độ",
    "title": "tiêu đề",
    "event_date": "ngày",
    "event_kind": "loại sự kiện",
    "number": "số",
    "symbol": "ký hiệu",
    "issuer": "cơ quan ban hành",
    "genre": "thể loại",
    "authors": "tác giả",
}


def summary(data: dict) -> list[tuple[str, str]]:
    """The fact's data as (Vietnamese label, value) pairs, spans left out."""
    rows = []
    for key, value in (data or {}).items():
        if key in ("span", "spans") or value in (None, "", []):
            continue
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        rows.append((LABELS.get(key, key), str(value)))
    return rows


def _context_key(source_pk: int) -> str:
    return f"review-context-{source_pk}"


def review_context_for(request, source) -> accept.ReviewContext:
    from chidao.meetings.models import Meeting
    from chidao.orgs.models import Organization

    saved = request.session.get(_context_key(source.pk)) or {}
    body = Organization.objects.filter(pk=saved.get("body")).first() if saved.get("body") else None
    if body is None:
        body = guess_body(source, request.user)
    meeting = (
        Meeting.objects.filter(pk=saved.get("meeting")).first()
        if saved.get("meeting")
        else accept.meeting_of_source(source)
    )
    addressed = (
        Organization.objects.filter(pk=saved.get("addressed_to")).first()
        if saved.get("addressed_to")
        else None
    )
    return accept.ReviewContext(body=body, meeting=meeting, addressed_to=addressed)


def guess_body(source, user):
    """The first body named in the text that has key tasks, else the user's body."""
    from chidao.orgs.models import Organization

    for fact in source.facts.filter(kind="organization").order_by("span_start"):
        org = accept.find_by_folded_name(Organization, (fact.data or {}).get("name") or "")
        if org is not None and org.task_groups.exists():
            return org
    return user.organization


def _page_context(request, source, **extra):
    facts = list(source.facts.order_by("span_start", "id"))
    context = review_context_for(request, source)
    for fact in facts:
        fact.data_json = json.dumps(fact.data, ensure_ascii=False, indent=1)
        fact.summary = summary(fact.data)
    return {
        "source": source,
        "facts": facts,
        "text_html": highlighted(source.text, facts),
        "can_review": can(request.user, "source.review"),
        "context_form": ReviewContextForm(
            initial={
                "body": context.body,
                "meeting": context.meeting,
                "addressed_to": context.addressed_to,
            }
        ),
        "review": context,
        **extra,
    }


@login_required
def source_detail(request, pk):
    # A source is any text someone imported: readers of every body's work only.
    if not sees_everything(request.user):
        raise Http404
    source = get_object_or_404(Source, pk=pk)
    return render(request, "ingest/source_detail.html", _page_context(request, source))


@login_required
@require_POST
def review_context(request, pk):
    if not can(request.user, "source.review"):
        raise PermissionDenied("Bạn không có quyền duyệt dữ liệu trích xuất.")
    source = get_object_or_404(Source, pk=pk)
    form = ReviewContextForm(request.POST)
    if form.is_valid():
        request.session[_context_key(source.pk)] = {
            k: (v.pk if v is not None else None) for k, v in form.cleaned_data.items()
        }
        messages.success(request, "Đã lưu bối cảnh duyệt.")
    return redirect("ingest:detail", pk=pk)


def _fact_response(request, fact, form=None, status=200):
    fact.refresh_from_db()
    fact.data_json = json.dumps(fact.data, ensure_ascii=False, indent=1)
    fact.summary = summary(fact.data)
    fact.marked = True
    context = {
        "fact": fact,
        "can_review": True,
        "form": form,
        "records": getattr(fact, "linked", []),
    }
    if request.headers.get("HX-Request"):
        return render(request, "ingest/_fact_card.html", context, status=status)
    if form is not None and form.errors:
        for error in form.non_field_errors() or []:
            messages.error(request, error)
        for error in form.errors.get("data", []):
            messages.error(request, error)
    return redirect(f"/nhap-lieu/{fact.source_id}/#the-{fact.pk}")


@login_required
@require_POST
def fact_accept(request, pk):
    if not can(request.user, "source.review"):
        raise PermissionDenied("Bạn không có quyền duyệt dữ liệu trích xuất.")
    fact = get_object_or_404(Fact.objects.select_related("source"), pk=pk)
    data = None
    form = FactEditForm(request.POST)
    if request.POST.get("data"):
        if not form.is_valid():
            return _fact_response(request, fact, form, status=400)
        data = form.cleaned_data["data"]
    context = review_context_for(request, fact.source)
    records = run_service(
        form, accept.do_accept_fact, request.user, fact, context=context, data=data
    )
    if records is None:
        return _fact_response(request, fact, form, status=400)
    fact.linked = records
    if not request.headers.get("HX-Request"):
        messages.success(
            request,
            "Đã chấp nhận dữ liệu"
            + (f": {', '.join(str(r) for r in records)}." if records else "."),
        )
    return _fact_response(request, fact)


@login_required
@require_POST
def fact_reject(request, pk):
    if not can(request.user, "source.review"):
        raise PermissionDenied("Bạn không có quyền duyệt dữ liệu trích xuất.")
    fact = get_object_or_404(Fact, pk=pk)
    form = RejectForm(request.POST)
    form.is_valid()
    done = run_service(
        form, accept.do_reject_fact, request.user, fact, reason=form.cleaned_data.get("reason", "")
    )
    return _fact_response(
        request, fact, form if done is None else None, status=400 if done is None else 200
    )
