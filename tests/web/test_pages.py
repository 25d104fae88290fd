"""Every list and detail page renders for every role; a unit user sees only its body's work."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LISTS = [
    "home",
    "search",
    "tasks:list",
    "recommendations:list",
    "documents:list",
    "meetings:list",
    "indicators:list",
    "orgs:list",
    "orgs:person_list",
]


def detail_urls(user):
    """One detail page of each kind the user may see, and the source review page."""
    from chidao.documents.selectors import visible_documents
    from chidao.indicators.selectors import visible_indicators
    from chidao.meetings.selectors import visible_meetings
    from chidao.orgs.selectors import visible_organizations, visible_people
    from chidao.recommendations.selectors import visible_recommendations
    from chidao.tasks.selectors import visible_tasks

    urls = []
    for name, qs in [
        ("tasks:detail", visible_tasks(user)),
        ("recommendations:detail", visible_recommendations(user)),
        ("documents:detail", visible_documents(user)),
        ("meetings:detail", visible_meetings(user)),
        ("indicators:detail", visible_indicators(user)),
        ("orgs:detail", visible_organizations(user).filter(name="Huyện ủy Cao Lộc")),
        ("orgs:person_detail", visible_people(user)),
    ]:
        for obj in qs.order_by("pk")[:2]:
            urls.append(reverse(name, args=[obj.pk]))
    return urls


@pytest.mark.parametrize("role", ["admin", "leader", "office", "unit", "other_unit"])
def test_every_page_renders_for_every_role(client, web_users, role):
    user = web_users[role]
    client.force_login(user)
    urls = [reverse(name) for name in LISTS] + detail_urls(user)
    urls += [reverse("search") + "?q=cao+loc", reverse("tasks:list") + "?q=thong+quan&sap_xep=-han"]
    assert len(urls) > len(LISTS)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        assert '<html lang="vi">' in html
        assert "https://cdn" not in html and "//unpkg" not in html
        # the list pages answer HTMX with the table only
    for name in LISTS[2:]:
        response = client.get(reverse(name), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="ket-qua")
        assert response.status_code == 200
        assert "<html" not in response.content.decode()


def test_pages_need_login(client, cao_loc_data):
    for name in LISTS:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith("/dang-nhap/")
