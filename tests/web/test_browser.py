"""Browser tests: Playwright drives Debian's Chromium (headless) against the live server.

Run with ``pytest -m browser``; they skip when /usr/bin/chromium is missing. Screenshots
of the dashboard and the import screen go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
TEXT = (Path(__file__).parent / "data" / "bao_cao_cao_loc.txt").read_text("utf-8")
PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database
    # calls (fixtures) are synchronous code and safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    yield browser
    browser.close()
    manager.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def web(chromium, live_server, web_users):
    """A fresh browser page (laptop size) on the live server, with the Cao Lộc records."""
    context = chromium.new_context(
        viewport={"width": 1366, "height": 900}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    blocked = []
    # Nothing may be fetched from outside the app (closed networks).
    page.on(
        "request",
        lambda r: (
            blocked.append(r.url)
            if not r.url.startswith((live_server.url, "data:", "blob:", "about:"))
            else None
        ),
    )
    page.base = live_server.url
    yield page
    context.close()
    assert not blocked, blocked


def login(page, username):
    page.goto(page.base + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_label("Mật khẩu").press("Enter")  # keyboard: Enter submits
    page.wait_for_url(re.compile(r".*/(\?.*)?$"))


def shot(page, name, **kwargs):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True, **kwargs)


def test_login(web, web_users):
    web.goto(web.base + "/")
    assert "/dang-nhap/" in web.url
    web.get_by_label("Tên đăng nhập").fill("w-vanphong")
    web.get_by_label("Mật khẩu").fill("sai-mat-khau")
    web.get_by_role("button", name="Đăng nhập").click()
    assert (
        web.get_by_role("alert").inner_text().startswith("Tên đăng nhập hoặc mật khẩu không đúng")
    )
    login(web, "w-vanphong")
    assert web.get_by_role("heading", name="Tổng quan").is_visible()


def test_demo_dashboard_shows_the_cao_loc_figures(web, web_users):
    login(web, "w-lanhdao")
    sentence = web.get_by_test_id("cau-nhiem-vu")
    assert sentence.inner_text() == (
        "10 nhiệm vụ thuộc 5 nhóm: 1 hoàn thành, 8 đạt tiến độ, 1 chậm tiến độ"
    )
    assert web.get_by_test_id("cau-van-ban").inner_text() == (
        "ban hành 3 chỉ thị, 35 kế hoạch, 26 nghị quyết, 6 hướng dẫn, 24 thông báo"
    )
    assert web.get_by_test_id("den-ngay").inner_text() == "19/08/2021"
    table = web.get_by_test_id("chi-tieu").inner_text()
    assert "380 tỷ đồng" in table and "100,96%" in table and "+28,38%" in table
    web.wait_for_function("() => window.Chart && Chart.getChart('bieu-do-nhiem-vu')")
    assert (
        web.evaluate(
            "() => Chart.getChart('bieu-do-nhiem-vu').data.datasets[1].data"
            ".reduce((a, b) => a + b, 0)"
        )
        == 8
    )
    shot(web, "dashboard.png")
    web.set_viewport_size({"width": 390, "height": 844})  # a phone
    web.reload()
    assert web.get_by_test_id("cau-nhiem-vu").is_visible()
    shot(web, "dashboard-phone.png")


def test_create_a_task(web, web_users):
    login(web, "w-vanphong")
    web.get_by_role("link", name="Nhiệm vụ", exact=True).click()
    web.get_by_role("link", name="Giao nhiệm vụ mới").click()
    web.get_by_label("Tên nhiệm vụ").fill("Số hóa hồ sơ một cửa cấp xã")
    web.get_by_label("Đơn vị chủ trì").select_option(label="Huyện ủy Cao Lộc")
    web.get_by_label("Thời hạn").fill("31/12/2099")
    web.get_by_role("button", name="Lưu").click()
    assert web.get_by_role("heading", name="Số hóa hồ sơ một cửa cấp xã").is_visible()
    assert "31/12/2099" in web.content()
    assert web.get_by_test_id("trang-thai").inner_text() == "Chưa thực hiện"


def test_unit_submits_an_update_and_the_office_accepts_it(web, web_users, tmp_path):
    from chidao.tasks.services import do_create_task

    task = do_create_task(
        web_users["office"],
        title="Kiểm tra đảng viên",
        lead_unit=web_users["unit"].organization,
        deadline=dt.date(2099, 12, 31),
    )
    login(web, "w-caoloc")
    web.goto(f"{web.base}/nhiem-vu/{task.pk}/")
    evidence = tmp_path / "bien-ban.txt"
    evidence.write_text("Biên bản kiểm tra", encoding="utf-8")
    web.get_by_label("Tiến độ (%)").fill("60")
    web.get_by_label("Nội dung báo cáo").fill("Đã kiểm tra 12/20 chi bộ")
    web.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    web.get_by_role("button", name="Gửi báo cáo").click()
    assert "Chờ duyệt" in web.content()
    web.get_by_role("button", name="Đăng xuất").click()

    login(web, "w-vanphong")
    web.goto(f"{web.base}/nhiem-vu/{task.pk}/")
    assert web.get_by_role("link", name="Tệp minh chứng").is_visible()
    web.get_by_role("button", name="Duyệt báo cáo 60%").click()
    assert web.get_by_test_id("tien-do").inner_text() == "60%"
    assert "Đã duyệt" in web.content()


def test_import_a_text_and_accept_its_facts(web, web_users):
    login(web, "w-vanphong")
    web.get_by_role("link", name="Nhập liệu").click()
    web.get_by_label("Tiêu đề").fill("Làm việc với Huyện ủy Cao Lộc")
    web.get_by_label("Dán nội dung báo cáo, bài viết").fill(TEXT)
    web.get_by_role("button", name="Đọc và trích xuất").click()
    assert web.get_by_test_id("van-ban-nguon").is_visible()
    assert web.locator("mark.fact").count() >= 5
    shot(web, "import-review.png")
    card = web.locator("article.fact-card[data-kind='indicator']").first
    card.get_by_role("button", name="Chấp nhận").click()  # HTMX swaps the card
    web.locator("article.fact-card[data-kind='indicator'][data-status='accepted']").wait_for()
    card = web.locator("article.fact-card[data-kind='recommendation']").first
    card.get_by_role("button", name="Chấp nhận").click()
    web.locator(
        "article.fact-card[data-kind='recommendation'][data-status='accepted']"
    ).first.wait_for()
    card = web.locator(
        "article.fact-card[data-kind='recommendation'][data-status='proposed']"
    ).first
    card.get_by_role("button", name="Loại").click()
    web.locator("article.fact-card[data-kind='recommendation'][data-status='rejected']").wait_for()
    shot(web, "import-accepted.png")
    # the figure's page links back to the sentence it came from
    web.get_by_role("link", name="Chỉ tiêu", exact=True).click()
    web.get_by_role("link", name="Thu ngân sách trên địa bàn").click()
    link = web.locator("a.prov").first
    assert "vượt 0,96% dự toán" in link.get_attribute("title")
    href = link.get_attribute("href")
    assert re.fullmatch(r"/nhap-lieu/\d+/#du-lieu-\d+", href)
    web.goto(web.base + href)
    anchor = href.split("#", 1)[1]
    assert anchor.startswith("du-lieu-")
    assert web.locator(f"mark#{anchor}").inner_text().startswith("Thu ngân sách trên địa bàn")


def test_search_without_diacritics(web, web_users):
    login(web, "w-vanphong")
    box = web.get_by_role("searchbox").first
    box.fill("chi thi 10")
    box.press("Enter")
    assert web.get_by_role("link", name="Chỉ thị số 10-CT/TW").is_visible()
    web.get_by_label("Từ khóa (gõ có dấu hoặc không dấu)").fill("cao loc")
    web.get_by_role("link", name="Huyện ủy Cao Lộc", exact=True).wait_for()  # live (HTMX)
    web.goto(web.base + "/nhiem-vu/?q=nong+thon+moi")
    assert web.get_by_role("link", name="Đưa thêm hai xã đạt chuẩn nông thôn mới").is_visible()


def test_unit_user_cannot_open_another_bodys_task(web, web_users):
    from chidao.tasks.services import do_create_task

    task = do_create_task(
        web_users["office"],
        title="Việc của Huyện ủy Cao Lộc",
        lead_unit=web_users["unit"].organization,
    )
    login(web, "w-vanlang")
    response = web.goto(f"{web.base}/nhiem-vu/{task.pk}/")
    assert response.status == 404
    assert web.get_by_role("heading", name="Không tìm thấy trang").is_visible()
    web.goto(web.base + "/nhiem-vu/")
    assert "Việc của Huyện ủy Cao Lộc" not in web.content()
