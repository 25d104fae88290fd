"""``chidao demo`` from a fresh data folder: it serves pages over real HTTP, and a second run
changes nothing."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("CHIDAO_DATABASE_URL")), reason="the demo is the SQLite job"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chidao(*args, env):
    return [sys.executable, "-m", "chidao", *args]


@pytest.fixture
def demo_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHIDAO_")}
    env["CHIDAO_DATA_DIR"] = str(tmp_path / "data")
    return env


def test_demo_serves_the_application_and_runs_twice(demo_env):
    port = free_port()
    first = subprocess.run(
        chidao("demo", "--no-serve", env=demo_env),
        env=demo_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    password = first.stdout.split("Tài khoản demo (mật khẩu chung): ")[1].split()[0]
    assert (Path(demo_env["CHIDAO_DATA_DIR"]) / "chidao.sqlite3").exists()

    server = subprocess.Popen(
        chidao("demo", "--port", str(port), env=demo_env),
        env=demo_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                page = urllib.request.urlopen(base + "/dang-nhap/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the demo did not serve on its port")
        assert "Đăng nhập" in page
        assert "htmx" in page and "cdn" not in page.lower()

        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        login = opener.open(base + "/admin/login/").read().decode()
        token = login.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        data = urllib.parse.urlencode(
            {
                "username": "demo",
                "password": password,
                "csrfmiddlewaretoken": token,
                "next": "/admin/",
            }
        ).encode()
        admin_index = opener.open(base + "/admin/login/?next=/admin/", data=data).read().decode()
        for model_label in [
            "Văn bản",
            "Nhiệm vụ",
            "Kiến nghị",
            "Chỉ tiêu",
            "Cơ quan, tổ chức",
            "Nhật ký thay đổi",
            "Hội nghị",
        ]:
            assert model_label.lower() in admin_index.lower(), model_label
    finally:
        server.terminate()
        server.wait(timeout=30)

    second = subprocess.run(
        chidao("demo", "--no-serve", env=demo_env),
        env=demo_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert second.returncode == 0, second.stderr
    assert "đã có sẵn, giữ nguyên" in second.stdout
    assert password in second.stdout
