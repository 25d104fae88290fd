import datetime as dt

from chidao.core.actors import system_actor
from chidao.orgs.models import AdministrativeUnit, Organization
from chidao.orgs.refload import load_reference_data


def test_reference_bodies_come_from_the_package_and_load_once(db):
    actor = system_actor()
    first = load_reference_data(actor)
    assert first["organizations"] > 10
    again = load_reference_data(actor)
    assert again == {"organizations": 0, "admin_units": 0, "terms": 0}

    district = AdministrativeUnit.objects.get(
        scheme="legacy", level="district", name="Huyện Cao Lộc"
    )
    assert district.parent.name == "Tỉnh Lạng Sơn"
    dong_dang_town = AdministrativeUnit.objects.get(
        scheme="legacy", level="commune", name="Thị trấn Đồng Đăng"
    )
    assert [u.name for u in dong_dang_town.successors.all()] == ["Xã Đồng Đăng"]

    committee = Organization.objects.get(name="Huyện ủy Cao Lộc")
    assert committee.admin_unit == district
    assert committee.valid_to == dt.date(2025, 6, 30)
    successor_names = set(committee.successors.values_list("name", flat=True))
    assert "Đảng ủy xã Đồng Đăng" in successor_names
    assert "Đảng ủy xã Cao Lộc" in successor_names
    heir = committee.succession_to.get(receives_open_work=True).successor
    assert heir.name == "Đảng ủy xã Cao Lộc"
    ubnd = Organization.objects.get(name="UBND huyện Cao Lộc")
    assert ubnd.succession_to.get().successor.name == "UBND xã Cao Lộc"
