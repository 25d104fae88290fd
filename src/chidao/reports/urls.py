from django.urls import path

from chidao.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.review_report, name="review"),
]
