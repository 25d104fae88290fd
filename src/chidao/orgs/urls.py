from django.urls import path

from chidao.orgs import views

app_name = "orgs"

urlpatterns = [
    path("co-quan/", views.organization_list, name="list"),
    path("co-quan/them/", views.organization_create, name="create"),
    path("co-quan/<int:pk>/", views.organization_detail, name="detail"),
    path("co-quan/<int:pk>/sua/", views.organization_edit, name="edit"),
    path("can-bo/", views.person_list, name="person_list"),
    path("can-bo/them/", views.person_create, name="person_create"),
    path("can-bo/<int:pk>/", views.person_detail, name="person_detail"),
    path("can-bo/<int:pk>/chuc-vu/", views.position_add, name="position_add"),
]
