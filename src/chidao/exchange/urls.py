from django.urls import path

from chidao.exchange import views

app_name = "exchange"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:kind>/xuat/", views.export, name="export"),
    path("<slug:kind>/nhap/", views.upload, name="upload"),
]
