"""Import and review: a text is read, its facts are shown beside it, each is accepted
(as found or edited) or rejected, and accepted ones become records linked to the phrase."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEXT = (Path(__file__).parent / "data" / "bao_cao_cao_loc.txt").read_text("utf-8")


@pytest.fixture
def imported(client, web_users):
    from chidao.ingest.models import Source

    client.force_login(web_users["office"])
    response = client.post(
        reverse("ingest:import"), {"text": TEXT, "title": "Làm việc tại Cao Lộc"}
    )
    source = Source.objects.get(title="Làm việc tại Cao Lộc")
    assert response.status_code == 302 and response["Location"] == reverse(
        "ingest:detail", args=[source.pk]
    )
    return source


def fact(source, kind):
    return source.facts.filter(kind=kind).order_by("span_start", "id").first()


def test_facts_appear_beside_the_text(client, imported):
    page = client.get(reverse("ingest:detail", args=[imported.pk])).content.decode()
    indicator = fact(imported, "indicator")
    assert f'id="du-lieu-{indicator.pk}"' in page  # the phrase is highlighted
    assert f'id="the-{indicator.pk}"' in page  # its card is beside the text
    assert "Thu ngân sách trên địa bàn" in page and "Chấp nhận" in page and "Loại" in page
    assert imported.status == "extracted"


def test_accepted_indicator_links_the_figure_to_its_sentence(client, imported, web_users):
    from chidao.indicators.models import Observation
    from chidao.ingest.models import provenance_for

    item = fact(imported, "indicator")
    response = client.post(
        reverse("ingest:fact_accept", args=[item.pk]),
        {"data": json.dumps(item.data, ensure_ascii=False)},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "accepted"
    observation = Observation.objects.get(
        indicator__name="Thu ngân sách trên địa bàn", year=2021, period_kind="to_date"
    )
    assert float(observation.value) == 380.0
    assert [p.fact_id for p in provenance_for(observation)] == [item.pk]
    page = client.get(
        reverse("indicators:detail", args=[observation.indicator_id])
    ).content.decode()
    assert f"{reverse('ingest:detail', args=[imported.pk])}#du-lieu-{item.pk}" in page
    assert "vượt 0,96% dự toán" in page  # the sentence it came from


def test_recommendation_direction_event_and_document_become_records(client, imported):
    from chidao.ingest.models import provenance_for
    from chidao.meetings.models import Direction, Meeting
    from chidao.recommendations.models import Recommendation

    for kind in (
        "event",
        "direction",
        "recommendation",
        "document_ref",
        "people",
        "organization",
        "documents_issued",
        "task_counts",
    ):
        item = fact(imported, kind)
        response = client.post(
            reverse("ingest:fact_accept", args=[item.pk]), HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200, (kind, response.content.decode()[:1500])
        item.refresh_from_db()
        assert item.status == "accepted", kind
    meeting = Meeting.objects.get(held_on="2021-08-19", host__name="Huyện ủy Cao Lộc")
    linked = [p for d in Direction.objects.filter(meeting=meeting) for p in provenance_for(d)]
    assert [p.fact.kind for p in linked] == ["direction"]
    rec = Recommendation.objects.filter(text__iexact="Đầu tư hạ tầng khu vực biên giới, cửa khẩu")
    assert rec.exists()
    page = client.get(
        reverse("recommendations:detail", args=[rec.latest("id").pk])
    ).content.decode()
    assert "Nguồn gốc số liệu" in page


def test_edit_then_accept_and_reject(client, imported):
    from chidao.recommendations.models import Recommendation

    first, second = imported.facts.filter(kind="recommendation").order_by("span_start")
    data = dict(first.data, text="Đầu tư đường vào cửa khẩu Chi Ma")
    response = client.post(
        reverse("ingest:fact_accept", args=[first.pk]),
        {"data": json.dumps(data, ensure_ascii=False)},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.status == "edited" and first.data["text"] == "Đầu tư đường vào cửa khẩu Chi Ma"
    assert Recommendation.objects.filter(text="Đầu tư đường vào cửa khẩu Chi Ma").exists()

    response = client.post(reverse("ingest:fact_reject", args=[second.pk]), HTTP_HX_REQUEST="true")
    second.refresh_from_db()
    assert second.status == "rejected" and "Đã loại" in response.content.decode()
    response = client.post(reverse("ingest:fact_accept", args=[second.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    response = client.post(
        reverse("ingest:fact_accept", args=[first.pk]),
        {"data": "{không phải json"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400


def test_upload_a_file_and_import_twice(client, web_users):
    from chidao.ingest.models import Source

    client.force_login(web_users["office"])
    upload = SimpleUploadedFile("bao-cao.txt", TEXT.encode("utf-8"), content_type="text/plain")
    response = client.post(reverse("ingest:import"), {"file": upload})
    assert response.status_code == 302
    assert Source.objects.count() == 1
    response = client.post(reverse("ingest:import"), {"text": TEXT})
    assert response.status_code == 302 and Source.objects.count() == 1
    bad = SimpleUploadedFile("anh.png", b"\x89PNG\r\n", content_type="image/png")
    response = client.post(reverse("ingest:import"), {"file": bad})
    assert response.status_code == 400 and "Không đọc được tệp" in response.content.decode()
    assert "Hãy dán nội dung" in client.post(reverse("ingest:import"), {}).content.decode()


def test_only_the_office_imports_and_reviews(client, web_users, imported):
    item = fact(imported, "indicator")
    for role in ("unit", "leader"):
        client.force_login(web_users[role])
        assert client.post(reverse("ingest:import"), {"text": "Văn bản"}).status_code == 403
        assert client.post(reverse("ingest:fact_accept", args=[item.pk])).status_code == 403
        page = client.get(reverse("ingest:detail", args=[imported.pk]))
        if role == "unit":  # an imported text may concern any body: not for unit users
            assert page.status_code == 404
        else:
            assert page.status_code == 200 and "Chấp nhận</button>" not in page.content.decode()
