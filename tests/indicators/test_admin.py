"""The admin pages of tasks, recommendations and indicators render, in Vietnamese."""

from __future__ import annotations

import pytest
from django.urls import reverse

MODELS = [
    "tasks.taskgroup",
    "tasks.task",
    "tasks.progressupdate",
    "recommendations.recommendation",
    "recommendations.routingstep",
    "recommendations.response",
    "indicators.indicator",
    "indicators.target",
    "indicators.observation",
]


@pytest.fixture
def superuser_client(client, make_user):
    user = make_user("sieuquantri", "admin")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return client


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("page", ["changelist", "add"])
def test_admin_pages_render(superuser_client, orgs, model, page):
    app, name = model.split(".")
    response = superuser_client.get(reverse(f"admin:{app}_{name}_{page}"))
    assert response.status_code == 200


def test_filled_changelists_render(superuser_client, office_user, orgs):
    import datetime as dt

    from chidao.indicators import services as indicators
    from chidao.recommendations import services as recommendations
    from chidao.tasks import services as tasks

    task = tasks.do_create_task(office_user, title="Nhiệm vụ", lead_unit=orgs["cao_loc"])
    tasks.do_submit_progress(office_user, task, progress=10)
    rec = recommendations.do_receive_recommendation(
        office_user,
        text="Kiến nghị",
        raised_by=orgs["cao_loc"],
        addressed_to=orgs["province"],
    )
    recommendations.do_forward_recommendation(
        office_user, rec, sectors=[orgs["finance"]], due_on=dt.date.today()
    )
    ind = indicators.do_create_indicator(office_user, code="thu", name="Thu ngân sách")
    indicators.do_record_observation(
        office_user, ind, body=orgs["cao_loc"], period_kind="year", year=2021, value=1
    )
    for model in MODELS:
        app, name = model.split(".")
        response = superuser_client.get(reverse(f"admin:{app}_{name}_changelist"))
        assert response.status_code == 200, model
    response = superuser_client.get(
        reverse("admin:recommendations_recommendation_changelist") + "?qua_han=1"
    )
    assert response.status_code == 200
    response = superuser_client.get(reverse("admin:tasks_task_change", args=[task.pk]))
    assert response.status_code == 200
    assert "đơn vị chủ trì" in response.content.decode().lower()
