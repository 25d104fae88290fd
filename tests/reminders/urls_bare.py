"""Only a task page: recommendation links must fall back to the admin."""

from django.http import HttpResponse
from django.urls import include, path

urlpatterns = [
    path(
        "nhiem-vu/",
        include(([path("<int:pk>/", lambda r, pk: HttpResponse(), name="detail")], "tasks")),
    ),
]
