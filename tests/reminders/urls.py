"""URLs for the reminder tests: the site's own once every app's pages import, else a small
site with the names the base template and the reminders use. A task has a page
("tasks:detail"); whichever a recommendation has, links fall back to the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path


def _page(request, *args, **kwargs):
    return HttpResponse("ok")


try:  # pragma: no cover - depends on the other apps' pages being in place
    from chidao.urls import urlpatterns as site_patterns
except Exception:  # noqa: BLE001 pragma: no cover - another app's pages are half-built
    site_patterns = None

fallback = [
    path("admin/", admin.site.urls),
    path("thong-bao/", include("chidao.reminders.urls")),
    path("nhiem-vu/", include(([path("<int:pk>/", _page, name="detail")], "tasks"))),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", _page, name="home"),
]

urlpatterns = site_patterns if site_patterns is not None else fallback
