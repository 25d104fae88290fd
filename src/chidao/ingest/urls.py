from django.urls import path

from chidao.ingest import views

app_name = "ingest"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("them/", views.source_import, name="import"),
    path("<int:pk>/", views.source_detail, name="detail"),
    path("<int:pk>/boi-canh/", views.review_context, name="context"),
    path("du-lieu/<int:pk>/chap-nhan/", views.fact_accept, name="fact_accept"),
    path("du-lieu/<int:pk>/loai/", views.fact_reject, name="fact_reject"),
]
