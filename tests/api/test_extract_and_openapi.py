"""The extraction endpoint (the facts contract), the OpenAPI document and the docs page."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import Caller

TEXT = """Huyện ủy Cao Lộc sơ kết 6 tháng đầu năm 2023

Sáng 12/7, Huyện ủy Cao Lộc tổ chức hội nghị sơ kết công tác 6 tháng đầu năm. Đồng chí \
Hoàng Văn Nam, Bí thư Huyện ủy chủ trì hội nghị.

Trong 6 tháng, Ban Thường vụ Huyện ủy ban hành 12 kế hoạch, 4 chỉ thị; triển khai Chỉ thị \
số 10-CT/TW của Ban Bí thư. Thu ngân sách trên địa bàn ước đạt 210,5 tỷ đồng, đạt 55,95% \
dự toán tỉnh giao, tăng 12,4% so với cùng kỳ.

Huyện kiến nghị với Tỉnh ủy quan tâm đầu tư hạ tầng khu vực cửa khẩu Tân Thanh.

Kết luận hội nghị, đồng chí Hoàng Văn Nam yêu cầu các cơ quan cần tập trung đẩy nhanh tiến \
độ giải ngân vốn đầu tư công.
"""

CONTRACT_FIELDS = {
    "schema",
    "source",
    "title",
    "genre",
    "event_date",
    "event_kind",
    "people",
    "authors",
    "organizations",
    "document_refs",
    "documents_issued",
    "indicators",
    "task_counts",
    "recommendations",
    "directions",
}


def spans_of(facts):
    """Every (span, item) pair of the object."""
    for key in ("people", "organizations"):
        for item in facts[key]:
            for span in item["spans"]:
                yield key, span, item
    for key in ("document_refs", "documents_issued", "indicators", "recommendations", "directions"):
        for item in facts[key]:
            yield key, item["span"], item
    if facts["task_counts"]:
        yield "task_counts", facts["task_counts"]["span"], facts["task_counts"]


def test_extract_returns_the_contract_with_valid_spans(as_unit):
    facts = as_unit.post("/extract", {"text": TEXT, "publication_date": "2023-07-13"})
    assert set(facts) >= CONTRACT_FIELDS
    assert facts["schema"] == "chidao.facts/1"
    assert facts["source"]["chars"] == len(TEXT) and len(facts["source"]["sha256"]) == 64
    assert facts["genre"] == "party_gov_meeting"
    assert facts["event_date"] == "2023-07-12"  # the year from the publication date
    assert facts["document_refs"][0]["number"] == "10"
    assert facts["document_refs"][0]["symbol"] == "CT/TW"
    assert any(i["pct_of_plan"] == 55.95 for i in facts["indicators"])
    pairs = list(spans_of(facts))
    assert pairs
    for key, (start, end), item in pairs:
        assert 0 <= start < end <= len(TEXT), (key, start, end)
        if key in ("people", "organizations"):
            assert TEXT[start:end] == item["name"]
        if key == "document_refs":
            assert TEXT[start:end] == item["raw"]


def test_extract_without_publication_date_never_guesses_the_year(as_unit):
    facts = as_unit.post("/extract", {"text": TEXT, "publication_date": None})
    assert facts["event_date"] in (None, "2023-07-12")


def test_extract_needs_a_caller_and_text(as_unit, settings, db):
    Caller(None).post("/extract", {"text": TEXT}, expect=401)
    as_unit.post("/extract", {"text": "   "}, expect=400)
    as_unit.post("/extract", {}, expect=422)
    settings.CHIDAO_MAX_UPLOAD_BYTES = 100
    too_big = as_unit.post("/extract", {"text": TEXT}, expect=413)
    assert "giới hạn" in too_big["detail"]


def test_body_over_the_request_limit_is_413(as_unit, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200
    as_unit.post("/extract", {"text": TEXT}, expect=413)


def test_openapi_document_has_every_router(db):
    from django.test import Client

    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = json.loads(response.content)
    assert doc["info"]["title"] == "chidao API" and doc["info"]["version"] == "1"
    assert doc["openapi"].startswith("3.")
    paths = set(doc["paths"])
    for expected in [
        "/api/v1/organizations",
        "/api/v1/organizations/{org_id}/succeed",
        "/api/v1/people",
        "/api/v1/documents",
        "/api/v1/documents/reserve-number",
        "/api/v1/document-types",
        "/api/v1/meetings",
        "/api/v1/meetings/{meeting_id}/directions",
        "/api/v1/task-groups",
        "/api/v1/tasks",
        "/api/v1/tasks/{task_id}/progress",
        "/api/v1/progress/{update_id}/accept",
        "/api/v1/progress/{update_id}/return",
        "/api/v1/recommendations",
        "/api/v1/recommendations/{rec_id}/forward",
        "/api/v1/recommendations/{rec_id}/answer",
        "/api/v1/indicators",
        "/api/v1/indicators/{indicator_id}/targets",
        "/api/v1/observations",
        "/api/v1/extract",
        "/api/v1/directions/{direction_id}/task",
        "/api/v1/tokens",
    ]:
        assert expected in paths, expected
    schemes = doc["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    tags = {tag for path in doc["paths"].values() for op in path.values() for tag in op["tags"]}
    assert {
        "Nhiệm vụ",
        "Kiến nghị",
        "Văn bản",
        "Hội nghị, buổi làm việc",
        "Chỉ tiêu",
        "Cơ quan, tổ chức",
    } <= tags


def test_docs_page_loads_only_local_files(db):
    from django.test import Client

    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert any(s.endswith("swagger-ui.css") for s in sources)
    for src in sources:
        assert not re.match(r"(https?:)?//", src), src
    assert "cdn" not in html.lower()
    for src in sources:
        assert Client().get(src).status_code == 200, src


@pytest.mark.parametrize("path", ["/api/v1/openapi.json", "/api/v1/docs"])
def test_docs_need_no_token(path, db):
    from django.test import Client

    assert Client().get(path).status_code == 200


def test_mounted_in_the_project_urls(settings, db):
    from django.urls import clear_url_caches, reverse

    settings.ROOT_URLCONF = "chidao.urls"
    clear_url_caches()
    assert reverse("api-v1:openapi-json") == "/api/v1/openapi.json"
    from django.test import Client

    assert Client().get("/api/v1/docs").status_code == 200


def test_openapi_document_is_valid_openapi(db):
    """Full validation when openapi-spec-validator is installed (a test extra)."""
    validator = pytest.importorskip("openapi_spec_validator")
    from django.test import Client

    doc = json.loads(Client().get("/api/v1/openapi.json").content)
    validator.validate(doc)
