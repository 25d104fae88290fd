from django.contrib import admin
from django.urls import include, path

from chidao.api.router import api

admin.site.site_header = "chidao — theo dõi chỉ đạo, điều hành"
admin.site.site_title = "chidao"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("thong-bao/", include("chidao.reminders.urls")),
    path("trao-doi/", include("chidao.exchange.urls")),
    path("bao-cao/", include("chidao.reports.urls")),
    path("", include("chidao.web.urls")),
]
