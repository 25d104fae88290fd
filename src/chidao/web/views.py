from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

# (label, "app_label.Model") shown on the home page until the dashboard replaces it
HOME_COUNTS = [
    ("văn bản", "documents.Document"),
    ("hội nghị, buổi làm việc", "meetings.Meeting"),
    ("nhiệm vụ", "tasks.Task"),
    ("kiến nghị", "recommendations.Recommendation"),
    ("chỉ tiêu", "indicators.Indicator"),
    ("cơ quan, tổ chức", "orgs.Organization"),
]


@login_required
def home(request):
    counts = []
    for label, model_name in HOME_COUNTS:
        try:
            model = apps.get_model(model_name)
        except LookupError:
            continue
        counts.append((label, model.objects.count()))
    return render(request, "web/home.html", {"counts": counts})
