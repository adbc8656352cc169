from django.contrib.auth import views as auth_views
from django.urls import path

from styr.web.views import auth, home, indicators, plans

app_name = "web"

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    path("organ/<int:body_id>/", plans.body_overview, name="body"),
    path("plan/<int:plan_id>/", plans.plan_page, name="plan"),
    path("plan/<int:plan_id>/status/", plans.change_state, name="plan-state"),
    path("plan/<int:plan_id>/text/<slug:key>/", plans.text_edit, name="plan-text"),
    path(
        "plan/<int:plan_id>/indikator/<int:indicator_id>/",
        indicators.indicator_page,
        name="indicator",
    ),
    path("plan/<int:plan_id>/dokument/<slug:template>/", plans.document_preview, name="document"),
    path(
        "plan/<int:plan_id>/dokument/<slug:template>.<str:fmt>",
        plans.document_download,
        name="document-download",
    ),
]
