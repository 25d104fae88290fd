"""Documents: the register (only documents the user is cleared for), a document with its
links, and create and edit through the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from chidao.core.access import can
from chidao.documents import services
from chidao.documents.forms import DocumentFilterForm, DocumentForm
from chidao.documents.selectors import get_visible_document, visible_documents
from chidao.web.lists import detail_parts, register_page, run_service, visible_or_404


@login_required
def document_list(request):
    qs = visible_documents(request.user).select_related("doc_type", "issuer")
    return register_page(
        request,
        qs,
        template="documents/document_list.html",
        table_template="documents/_document_table.html",
        kind="document",
        form_class=DocumentFilterForm,
        lookups={
            "loai": "doc_type",
            "co_quan": "issuer",
            "tu_ngay": "issued_on__gte",
            "den_ngay": "issued_on__lte",
        },
        sorts={
            "so": "number",
            "loai": "doc_type__name",
            "ngay": "issued_on",
            "co_quan": "issuer__name",
        },
        extra={"can_create": can(request.user, "document.manage")},
    )


@login_required
def document_detail(request, pk):
    doc = visible_or_404(get_visible_document, request.user, pk)
    visible = visible_documents(request.user)
    context = {
        "doc": doc,
        "outgoing": [
            link
            for link in doc.outgoing_links.select_related("target")
            if visible.filter(pk=link.target_id).exists()
        ],
        "incoming": [
            link
            for link in doc.incoming_links.select_related("source")
            if visible.filter(pk=link.source_id).exists()
        ],
        "meetings_presented": list(doc.meetings_presented.all()),
        "meetings_concluded": list(doc.concluded_meetings.all()),
        "can_edit": can(request.user, "document.manage", orgs=[doc.issuer_id]),
        **detail_parts(request.user, doc),
    }
    from chidao.tasks.selectors import visible_tasks

    context["tasks"] = list(visible_tasks(request.user).filter(origin_document=doc)[:50])
    return render(request, "documents/document_detail.html", context)


@login_required
def document_create(request):
    if not can(request.user, "document.manage"):
        raise PermissionDenied("Bạn không có quyền quản lý văn bản.")
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        doc = run_service(form, services.do_create_document, request.user, **form.service_kwargs())
        if doc is not None:
            messages.success(request, "Đã ghi văn bản.")
            return redirect("documents:detail", pk=doc.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Ghi văn bản mới",
            "cancel_url": reverse("documents:list"),
        },
    )


@login_required
def document_edit(request, pk):
    doc = visible_or_404(get_visible_document, request.user, pk)
    if not can(request.user, "document.manage", orgs=[doc.issuer_id]):
        raise PermissionDenied("Bạn không có quyền sửa văn bản này.")
    initial = {
        "raw_number": doc.number_display,
        "doc_type": doc.doc_type,
        "issuer": doc.issuer,
        "issued_on": doc.issued_on,
        "excerpt": doc.excerpt,
        "signer_title": doc.signer_title,
        "classification": doc.classification,
        "version": doc.version,
    }
    form = DocumentForm(
        request.POST or None, request.FILES or None, initial=initial, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        if kwargs.get("raw_number") == doc.number_display:
            kwargs.pop("raw_number")
        done = run_service(
            form,
            services.do_update_document,
            request.user,
            doc,
            expected_version=form.cleaned_data.get("version"),
            **kwargs,
        )
        if done is not None:
            messages.success(request, "Đã lưu văn bản.")
            return redirect("documents:detail", pk=doc.pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": f"Sửa {doc}",
            "cancel_url": reverse("documents:detail", args=[pk]),
        },
    )


@login_required
def document_file(request, pk):
    doc = visible_or_404(get_visible_document, request.user, pk)
    if not doc.file:
        raise Http404("Văn bản chưa có tệp.")
    return FileResponse(
        doc.file.open("rb"), as_attachment=True, filename=doc.file.name.rsplit("/", 1)[-1]
    )
