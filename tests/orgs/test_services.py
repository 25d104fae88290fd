import datetime as dt

import pytest

from chidao.core import audit
from chidao.core.errors import AccessDenied, ServiceError
from chidao.orgs import services
from chidao.orgs.models import Organization, Succession, fold_name


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Cao Lộc", "cao loc"),
        ("  Huyện ủy   Cao Lộc ", "huyen uy cao loc"),
        ("Đồng Đăng", "dong dang"),
    ],
)
def test_fold_name(name, folded):
    assert fold_name(name) == folded


def test_create_organization_audited(admin_user, orgs):
    org = services.do_create_organization(
        admin_user,
        name="Đảng ủy xã Cao Lộc",
        kind="party_committee",
        system="party",
        parent=orgs["province"],
        symbol="ĐU",
        valid_from=dt.date(2025, 7, 1),
    )
    assert audit.history(org).get().action == "org.create"
    assert org.name_folded == "dang uy xa cao loc"


def test_office_user_cannot_manage_organizations(office_user, audit_count):
    before = audit_count()
    with pytest.raises(AccessDenied):
        services.do_create_organization(office_user, name="X", kind="other", system="other")
    assert audit_count() == before


def test_end_date_before_start_refused(admin_user, audit_count):
    before = audit_count()
    with pytest.raises(ServiceError, match="Ngày kết thúc"):
        services.do_create_organization(
            admin_user,
            name="X",
            kind="other",
            system="other",
            valid_from=dt.date(2025, 1, 2),
            valid_to=dt.date(2025, 1, 1),
        )
    assert audit_count() == before
    assert not Organization.objects.filter(name="X").exists()


@pytest.fixture
def communes(admin_user, orgs):
    make = lambda name: services.do_create_organization(  # noqa: E731
        admin_user,
        name=name,
        kind="party_committee",
        system="party",
        parent=orgs["province"],
        valid_from=dt.date(2025, 7, 1),
    )
    return make("Đảng ủy xã Cao Lộc"), make("Đảng ủy xã Đồng Đăng")


def test_succession_ends_the_body_and_links_successors(admin_user, orgs, communes):
    cao_loc, dong_dang = communes
    district = orgs["cao_loc"]
    services.do_succeed_organization(
        admin_user,
        district,
        ended_on=dt.date(2025, 6, 30),
        successors=[cao_loc, dong_dang],
        open_work_to=cao_loc,
    )
    district.refresh_from_db()
    assert district.valid_to == dt.date(2025, 6, 30)
    assert not district.is_active_on(dt.date(2025, 7, 1))
    assert district.is_active_on(dt.date(2025, 6, 30))
    links = Succession.objects.filter(predecessor=district)
    assert {link.successor for link in links} == {cao_loc, dong_dang}
    assert all(link.effective == dt.date(2025, 7, 1) for link in links)
    assert services.successor_for_open_work(district) == cao_loc
    assert audit.history(district).first().action == "org.end"


def test_succession_refused_twice_and_nothing_written(admin_user, orgs, communes, audit_count):
    cao_loc, _ = communes
    district = orgs["cao_loc"]
    services.do_succeed_organization(
        admin_user,
        district,
        ended_on=dt.date(2025, 6, 30),
        successors=[cao_loc],
        open_work_to=cao_loc,
    )
    before = audit_count()
    with pytest.raises(ServiceError, match="đã kết thúc"):
        services.do_succeed_organization(
            admin_user,
            district,
            ended_on=dt.date(2025, 7, 30),
            successors=[cao_loc],
            open_work_to=cao_loc,
        )
    assert audit_count() == before


def test_open_work_must_go_to_a_successor(admin_user, orgs, communes, audit_count):
    cao_loc, dong_dang = communes
    before = audit_count()
    with pytest.raises(ServiceError, match="phải là một trong các cơ quan kế thừa"):
        services.do_succeed_organization(
            admin_user,
            orgs["cao_loc"],
            ended_on=dt.date(2025, 6, 30),
            successors=[cao_loc],
            open_work_to=dong_dang,
        )
    assert audit_count() == before
    orgs["cao_loc"].refresh_from_db()
    assert orgs["cao_loc"].valid_to is None


def test_positions_have_dates(admin_user, orgs):
    person = services.do_create_person(admin_user, full_name="Nguyễn Văn An")
    position = services.do_assign_position(
        admin_user,
        person,
        title="Bí thư Huyện ủy",
        organization=orgs["cao_loc"],
        valid_from=dt.date(2020, 8, 1),
    )
    services.do_end_position(admin_user, position, valid_to=dt.date(2025, 6, 30))
    position.refresh_from_db()
    assert position.held_on(dt.date(2021, 8, 19))
    assert not position.held_on(dt.date(2025, 7, 1))
    with pytest.raises(ServiceError):
        services.do_end_position(admin_user, position, valid_to=dt.date(2019, 1, 1))


def test_successor_unit_users_read_the_predecessors_history(admin_user, orgs, communes, make_user):
    from chidao.core.access import can_view_org_work, unit_scope_ids
    from chidao.core.models import Role

    cao_loc, _ = communes
    services.do_succeed_organization(
        admin_user,
        orgs["cao_loc"],
        ended_on=dt.date(2025, 6, 30),
        successors=[cao_loc],
        open_work_to=cao_loc,
    )
    commune_user = make_user("xacaoloc", Role.UNIT, cao_loc)
    assert orgs["cao_loc"].pk in unit_scope_ids(commune_user)
    assert can_view_org_work(commune_user, [orgs["cao_loc"]])
    assert not can_view_org_work(commune_user, [orgs["van_lang"]])
