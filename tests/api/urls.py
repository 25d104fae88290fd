"""Only the API, so the API tests do not depend on the pages' URL modules."""

from django.urls import path

from chidao.api.router import api

urlpatterns = [path("api/v1/", api.urls)]
