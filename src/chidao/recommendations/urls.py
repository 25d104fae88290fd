from django.urls import path

from chidao.recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("", views.recommendation_list, name="list"),
    path("them/", views.recommendation_create, name="create"),
    path("<int:pk>/", views.recommendation_detail, name="detail"),
    path("<int:pk>/chuyen/", views.recommendation_forward, name="forward"),
    path("<int:pk>/tra-loi/", views.recommendation_answer, name="answer"),
    path("<int:pk>/giai-quyet/", views.recommendation_resolve, name="resolve"),
    path("<int:pk>/khong-giai-quyet/", views.recommendation_decline, name="decline"),
]
