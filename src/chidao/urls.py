from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "chidao — theo dõi chỉ đạo, điều hành"
admin.site.site_title = "chidao"
admin.site.index_title = "Quản trị dữ liệu"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
