"""Search that ignores diacritics, through the database's own full-text index."""

from __future__ import annotations

import pytest
from django.urls import reverse

from chidao.core.search import fold, search, words

pytestmark = pytest.mark.django_db


def test_fold_and_words():
    assert fold("Huyện ủy Cao Lộc") == "huyen uy cao loc"
    assert fold("ĐẢNG ỦY") == "dang uy"
    assert words("Chỉ thị số 10-CT/TW") == ["chi", "thi", "so", "10", "ct", "tw"]


def test_index_follows_saves_and_deletes(orgs, admin_user):
    from chidao.core.models import SearchEntry
    from chidao.orgs.services import do_create_person, do_update_organization

    assert ("organization", orgs["cao_loc"].pk) in search("cao loc")
    do_update_organization(admin_user, orgs["cao_loc"], name="Đảng ủy xã Đồng Đăng")
    assert ("organization", orgs["cao_loc"].pk) not in search("cao loc")
    assert ("organization", orgs["cao_loc"].pk) in search("dong dang")
    person = do_create_person(admin_user, full_name="Nguyễn Quốc Đoàn")
    assert search("nguyen quoc doan", ["person"]) == [("person", person.pk)]
    assert search("nguyen qu", ["person"]) == [("person", person.pk)]  # prefix of the last word
    person.delete()
    assert not SearchEntry.objects.filter(kind="person", object_id=person.pk).exists()


def test_search_without_diacritics_on_screen(client, web_users):
    client.force_login(web_users["office"])
    page = client.get(reverse("search"), {"q": "cao loc"}).content.decode()
    assert "Huyện ủy Cao Lộc" in page
    page = client.get(reverse("search"), {"q": "chi thi 10"}).content.decode()
    assert "Chỉ thị số 10-CT/TW" in page
    listing = client.get(reverse("documents:list"), {"q": "chi thi 10"}).content.decode()
    assert "10-CT/TW" in listing and "35-KH/HU" not in listing
    tasks = client.get(reverse("tasks:list"), {"q": "nong thon moi"}).content.decode()
    assert "Đưa thêm hai xã đạt chuẩn nông thôn mới" in tasks
    assert "Giảm tỷ lệ hộ nghèo" not in tasks
    assert "Không tìm thấy" in client.get(reverse("search"), {"q": "zzzxq"}).content.decode()


def test_search_hides_what_the_user_may_not_see(client, web_users, cao_loc_data):
    from chidao.core.actors import system_actor
    from chidao.documents.services import do_create_document

    do_create_document(
        system_actor(),
        raw_number="99-CT/TU",
        doc_type="Chỉ thị",
        issuer=cao_loc_data["Tỉnh ủy Lạng Sơn"],
        excerpt="Chuyên đề bảo mật",
        classification=1,
    )
    client.force_login(web_users["office"])  # not cleared for "Mật"
    assert (
        "99-CT/TU" not in client.get(reverse("search"), {"q": "chuyen de bao mat"}).content.decode()
    )
    client.force_login(web_users["leader"])  # cleared for "Mật"
    assert "99-CT/TU" in client.get(reverse("search"), {"q": "chuyen de bao mat"}).content.decode()


def test_list_filters_sorting_and_pagination(client, web_users):
    client.force_login(web_users["office"])
    response = client.get(reverse("documents:list"), {"sap_xep": "so"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "trang 1/" in page and "Trang sau" in page
    page2 = client.get(reverse("documents:list"), {"trang": 2}).content.decode()
    assert "trang 2/" in page2
    from chidao.documents.models import DocumentType

    kh = DocumentType.objects.get(name="Kế hoạch")
    filtered = client.get(reverse("documents:list"), {"loai": kh.pk}).content.decode()
    assert "35 bản ghi" in filtered
    ranged = client.get(
        reverse("documents:list"), {"tu_ngay": "01/01/2021", "den_ngay": "31/12/2021"}
    )
    assert ranged.status_code == 200
