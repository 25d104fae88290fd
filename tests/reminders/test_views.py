"""Notification list, mark read (plain and HTMX), bell, preferences, the office's rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from chidao.core.audit import history
from chidao.reminders import services
from chidao.reminders.models import Delivery, Notification, ReminderRule, UserPreference

pytestmark = pytest.mark.usefixtures("site_urls")


@pytest.fixture
def site_urls(settings):
    settings.ROOT_URLCONF = "tests.reminders.urls"


def notify(user, key="task:1:due:2021-12-31", subject="Nhiệm vụ đến hạn hôm nay: Kiện toàn"):
    return Notification.objects.create(
        recipient=user,
        kind="task_due",
        subject=subject,
        body="Nhiệm vụ “Kiện toàn” đến hạn hôm nay, ngày 31/12/2021.",
        link="/nhiem-vu/1/",
        dedupe_key=key,
        due_on=dt.date(2021, 12, 31),
    )


@pytest.fixture
def unit_client(client, unit_user):
    client.force_login(unit_user)
    return client


def test_the_list_shows_only_my_notifications(unit_client, unit_user, other_unit_user):
    notify(unit_user)
    notify(other_unit_user, subject="Việc của Văn Lãng")
    page = unit_client.get(reverse("reminders:list")).content.decode()
    assert "Nhiệm vụ đến hạn hôm nay: Kiện toàn" in page
    assert "Việc của Văn Lãng" not in page
    assert "1 thông báo chưa đọc" in page
    assert 'href="/nhiem-vu/1/"' in page


def test_the_bell_shows_the_unread_count_with_one_query(
    unit_client, unit_user, django_assert_max_num_queries
):
    notify(unit_user)
    notify(unit_user, key="task:2:due:2021-12-31")
    from django.template import RequestContext, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = unit_user
    template = Template('{% include "reminders/_bell.html" %}')
    with django_assert_max_num_queries(1):
        html = template.render(RequestContext(request))
    assert "Thông báo" in html and ">2</span>" in html
    assert reverse("reminders:list") in html


def test_the_bell_is_on_every_page(unit_client, unit_user):
    notify(unit_user)
    page = unit_client.get(reverse("reminders:preferences")).content.decode()
    assert 'id="chuong-thong-bao"' in page
    assert "1 thông báo chưa đọc" in page


def test_mark_read_needs_post_and_is_for_the_recipient_only(
    unit_client, unit_user, other_unit_user
):
    mine = notify(unit_user)
    theirs = notify(other_unit_user)
    assert unit_client.get(reverse("reminders:mark_read", args=[mine.pk])).status_code == 405
    response = unit_client.post(reverse("reminders:mark_read", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert unit_client.post(reverse("reminders:mark_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_with_htmx_swaps_the_row_and_the_bell(unit_client, unit_user):
    first = notify(unit_user)
    notify(unit_user, key="task:2:due:2021-12-31")
    response = unit_client.post(
        reverse("reminders:mark_read", args=[first.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert f'id="thong-bao-{first.pk}"' in html
    assert "chưa đọc" not in html.split('id="chuong-thong-bao"')[0]
    assert 'hx-swap-oob="true"' in html and ">1</span>" in html


def test_mark_all_read(unit_client, unit_user, other_unit_user):
    notify(unit_user)
    notify(unit_user, key="task:2:due:2021-12-31")
    notify(other_unit_user)
    response = unit_client.post(reverse("reminders:mark_all_read"))
    assert response.status_code == 302
    assert services.unread_count_of(unit_user) == 0
    assert services.unread_count_of(other_unit_user) == 1


def test_csrf_is_required(client, unit_user):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(unit_user)
    item = notify(unit_user)
    assert csrf_client.post(reverse("reminders:mark_read", args=[item.pk])).status_code == 403


def test_preferences_form_sets_the_digest(unit_client, unit_user):
    page = unit_client.get(reverse("reminders:preferences")).content.decode()
    assert "Tổng hợp một thư mỗi ngày" in page
    response = unit_client.post(
        reverse("reminders:preferences"), {"digest": "daily", "email_enabled": "on"}
    )
    assert response.status_code == 302
    pref = UserPreference.objects.get(user=unit_user)
    assert (pref.digest, pref.email_enabled) == (Delivery.DAILY, True)
    assert history(pref).first().action == "reminder_preference.create"
    unit_client.post(reverse("reminders:preferences"), {"digest": "immediate"})
    pref.refresh_from_db()
    assert (pref.digest, pref.email_enabled) == (Delivery.IMMEDIATE, False)


def test_a_user_cannot_change_someone_elses_preference(unit_user, other_unit_user):
    from chidao.core.errors import AccessDenied

    with pytest.raises(AccessDenied):
        services.do_set_preference(unit_user, other_unit_user, digest="daily")


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(reverse("reminders:list"))
    assert response.status_code == 302 and "next=" in response["Location"]


def test_rules_are_for_the_office(unit_client, client, office_user):
    assert unit_client.get(reverse("reminders:rules")).status_code == 403
    assert unit_client.post(reverse("reminders:rule_add"), {}).status_code == 403
    client.force_login(office_user)
    page = client.get(reverse("reminders:rules")).content.decode()
    assert "Quy tắc chung (mặc định khi cài đặt)" in page


def test_the_office_sets_a_rule_for_a_body_and_edits_it(client, office_user, orgs):
    client.force_login(office_user)
    form = client.get(reverse("reminders:rule_add")).content.decode()
    assert 'value="3"' in form  # shipped defaults prefilled
    data = {
        "body": orgs["cao_loc"].pk,
        "enabled": "on",
        "days_before": 5,
        "on_due_day": "on",
        "overdue_every": 3,
        "recommendation_days_before": 4,
        "review_wait_days": 1,
    }
    response = client.post(reverse("reminders:rule_add"), data)
    assert response.status_code == 302, response.content.decode()
    rule = ReminderRule.objects.get(body=orgs["cao_loc"])
    assert (rule.days_before, rule.overdue_every) == (5, 3)
    assert services.effective_rule(orgs["cao_loc"]).days_before == 5
    assert services.effective_rule(orgs["van_lang"]).days_before == 3

    # A second rule for the same body is refused with a message.
    page = client.post(reverse("reminders:rule_add"), data).content.decode()
    assert "đã có quy tắc nhắc việc" in page

    data["days_before"] = 10
    data["version"] = rule.version
    response = client.post(reverse("reminders:rule_edit", args=[rule.pk]), data)
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.days_before == 10 and rule.body == orgs["cao_loc"]
    assert [e.action for e in history(rule)] == ["reminder_rule.update", "reminder_rule.create"]

    # A stale form gets a conflict instead of overwriting.
    data["days_before"] = 1
    page = client.post(reverse("reminders:rule_edit", args=[rule.pk]), data).content.decode()
    assert "đã được người khác sửa" in page

    response = client.post(reverse("reminders:rule_delete", args=[rule.pk]))
    assert response.status_code == 302
    assert not ReminderRule.objects.exists()


def test_the_default_rule_and_the_shipped_values(office_user, orgs):
    assert services.shipped_defaults().days_before == 3
    assert services.shipped_defaults().overdue_every == 7
    services.do_save_rule(office_user, body=None, days_before=2)
    assert services.effective_rule(orgs["cao_loc"]).days_before == 2
    with pytest.raises(services.ServiceError):
        services.do_save_rule(office_user, body=None, days_before=4)
    with pytest.raises(services.ServiceError):
        services.do_save_rule(office_user, body=orgs["cao_loc"], days_before=-1)
