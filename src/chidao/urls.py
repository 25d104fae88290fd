from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "chidao — theo dõi chỉ đạo, điều hành"
admin.site.site_title = "chidao"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("thong-bao/", include("chidao.reminders.urls")),
    path("", include("chidao.web.urls")),
]
