from django.contrib.auth import views as auth_views
from django.urls import include, path

from chidao.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search_view, name="search"),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("van-ban/", include("chidao.documents.urls")),
    path("hoi-nghi/", include("chidao.meetings.urls")),
    path("nhiem-vu/", include("chidao.tasks.urls")),
    path("kien-nghi/", include("chidao.recommendations.urls")),
    path("chi-tieu/", include("chidao.indicators.urls")),
    path("", include("chidao.orgs.urls")),
    path("nhap-lieu/", include("chidao.ingest.urls")),
]
