from django.urls import path

from chidao.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/da-doc/", views.mark_read, name="mark_read"),
    path("da-doc-het/", views.mark_all_read, name="mark_all_read"),
    path("cai-dat/", views.preferences, name="preferences"),
    path("quy-tac/", views.rule_list, name="rules"),
    path("quy-tac/them/", views.rule_edit, name="rule_add"),
    path("quy-tac/<int:pk>/sua/", views.rule_edit, name="rule_edit"),
    path("quy-tac/<int:pk>/xoa/", views.rule_delete, name="rule_delete"),
]
