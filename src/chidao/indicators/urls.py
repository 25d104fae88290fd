from django.urls import path

from chidao.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("them/", views.indicator_create, name="create"),
    path("<int:pk>/", views.indicator_detail, name="detail"),
    path("<int:pk>/muc-tieu/", views.target_set, name="target_set"),
    path("<int:pk>/so-lieu/", views.observation_record, name="observation_record"),
]
