from django.urls import path

from chidao.tasks import views

app_name = "tasks"

urlpatterns = [
    path("", views.task_list, name="list"),
    path("them/", views.task_create, name="create"),
    path("tu-chi-dao/<int:pk>/", views.task_from_direction, name="from_direction"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/sua/", views.task_edit, name="edit"),
    path("<int:pk>/bao-cao-tien-do/", views.progress_submit, name="progress_submit"),
    path("bao-cao/<int:pk>/duyet/", views.progress_accept, name="progress_accept"),
    path("bao-cao/<int:pk>/tra-lai/", views.progress_return, name="progress_return"),
    path("bao-cao/<int:pk>/minh-chung/", views.progress_evidence, name="progress_evidence"),
]
