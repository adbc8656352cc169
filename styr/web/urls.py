from django.contrib.auth import views as auth_views
from django.urls import path

from styr.web.views import (
    activities,
    assignments,
    audit,
    auth,
    budget,
    documents,
    excel,
    follow_up,
    goals,
    history,
    home,
    indicators,
    metrics,
    plan_items,
    plans,
    reference,
    report_texts,
    reporters,
    risks,
    search,
)

app_name = "web"

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    path("sok/", search.search_page, name="search"),
    path("logg/", audit.audit_log, name="audit-log"),
    path("logg/logg.csv", audit.audit_log_csv, name="audit-log-csv"),
    path("logg/<int:entry_id>/kolada.csv", audit.kolada_changes, name="audit-kolada-changes"),
    path("organ/<int:body_id>/", plans.body_overview, name="body"),
    path("plan/<int:plan_id>/", plans.plan_page, name="plan"),
    path("plan/<int:plan_id>/status/", plans.change_state, name="plan-state"),
    path("plan/<int:plan_id>/kopiera/", plans.copy_to_next_year, name="plan-copy"),
    path("plan/<int:plan_id>/texter/", plans.plan_texts, name="plan-texts"),
    path("plan/<int:plan_id>/historik/", history.plan_history, name="plan-history"),
    path("plan/<int:plan_id>/budget/", budget.budget_page, name="budget"),
    path("plan/<int:plan_id>/mal/", goals.goals_page, name="goals"),
    path("plan/<int:plan_id>/mal/nytt/", goals.save_goal, name="goal-new"),
    path("plan/<int:plan_id>/mal/<int:goal_id>/", goals.save_goal, name="goal"),
    path(
        "plan/<int:plan_id>/mal/<int:goal_id>/indikator/",
        goals.add_indicator,
        name="goal-indicator",
    ),
    path("plan/<int:plan_id>/foljetal/", metrics.metrics_page, name="metrics"),
    path("plan/<int:plan_id>/foljetal/<int:group_id>/", metrics.metric_cell, name="metric-cell"),
    path("plan/<int:plan_id>/delar/<slug:slug>/", plan_items.items_page, name="plan-items"),
    path("plan/<int:plan_id>/delar/<slug:slug>/ny/", plan_items.save_item, name="plan-item-new"),
    path(
        "plan/<int:plan_id>/delar/<slug:slug>/<int:item_id>/",
        plan_items.save_item,
        name="plan-item",
    ),
    path(
        "plan/<int:plan_id>/delar/<slug:slug>/<int:item_id>/ta-bort/",
        plan_items.delete_item,
        name="plan-item-delete",
    ),
    path("plan/<int:plan_id>/rapportorer/", reporters.reporters_page, name="reporters"),
    path("plan/<int:plan_id>/risker/", risks.risks_page, name="risks"),
    path("plan/<int:plan_id>/risker/ny/", risks.save_risk, name="risk-new"),
    path("plan/<int:plan_id>/risker/<int:risk_id>/", risks.save_risk, name="risk"),
    path("plan/<int:plan_id>/uppdrag/", assignments.assignments_page, name="assignments"),
    path("plan/<int:plan_id>/uppdrag/ny/", assignments.save_assignment, name="assignment-new"),
    path(
        "plan/<int:plan_id>/uppdrag/<int:assignment_id>/",
        assignments.save_assignment,
        name="assignment",
    ),
    path("plan/<int:plan_id>/budget/<int:table_id>/", budget.budget_cell, name="budget-cell"),
    path(
        "plan/<int:plan_id>/budget/uppfoljning/", budget.budget_follow_up, name="budget-follow-up"
    ),
    path("plan/<int:plan_id>/excel/", excel.excel_page, name="excel"),
    path("plan/<int:plan_id>/excel/hamta/", excel.excel_download, name="excel-download"),
    path("plan/<int:plan_id>/excel/granska/", excel.excel_preview, name="excel-preview"),
    path("plan/<int:plan_id>/excel/las-in/", excel.excel_import, name="excel-import"),
    path("plan/<int:plan_id>/text/<slug:key>/", plans.text_edit, name="plan-text"),
    path(
        "plan/<int:plan_id>/text/<slug:key>/forhandsgranska/",
        plans.text_preview,
        name="plan-text-preview",
    ),
    path(
        "plan/<int:plan_id>/indikator/<int:indicator_id>/",
        indicators.indicator_page,
        name="indicator",
    ),
    path(
        "plan/<int:plan_id>/indikator/<int:indicator_id>/andra/",
        indicators.change_indicator,
        name="indicator-change",
    ),
    path(
        "plan/<int:plan_id>/indikator/<int:indicator_id>/kolada/",
        indicators.take_from_kolada,
        name="indicator-kolada",
    ),
    path(
        "plan/<int:plan_id>/dokument/<slug:template>/", documents.document_preview, name="document"
    ),
    path(
        "plan/<int:plan_id>/dokument/<slug:template>/jamfor/",
        documents.document_compare,
        name="document-compare",
    ),
    path(
        "plan/<int:plan_id>/rapport/<slug:occasion_key>/status/",
        plans.change_occasion_state,
        name="occasion-state",
    ),
    path(
        "plan/<int:plan_id>/uppfoljning/<slug:occasion_key>/",
        follow_up.follow_up_page,
        name="follow-up",
    ),
    path(
        "plan/<int:plan_id>/uppfoljning/<slug:occasion_key>/uppdrag/<int:assignment_id>/",
        follow_up.report_assignment,
        name="follow-up-assignment",
    ),
    path(
        "plan/<int:plan_id>/uppfoljning/<slug:occasion_key>/mal/<int:goal_id>/",
        follow_up.assess_goal,
        name="follow-up-goal",
    ),
    path(
        "plan/<int:plan_id>/uppfoljning/<slug:occasion_key>/risk/<int:risk_id>/",
        follow_up.record_control,
        name="follow-up-risk",
    ),
    path(
        "plan/<int:plan_id>/uppfoljning/<slug:occasion_key>/texter/",
        report_texts.report_texts,
        name="report-texts",
    ),
    path(
        "plan/<int:plan_id>/uppfoljning/<slug:occasion_key>/texter/<slug:key>/",
        report_texts.report_text_save,
        name="report-text",
    ),
    path("referensdata/", reference.reference_home, name="reference"),
    path("plan/<int:plan_id>/bilder/", plans.add_text_image, name="text-images"),
    path(
        "referensdata/<slug:municipality_key>/skalor/<slug:scale_key>/",
        reference.edit_scale,
        name="reference-scale",
    ),
    path(
        "referensdata/<slug:municipality_key>/riskmatriser/<slug:matrix_key>/",
        reference.edit_matrix,
        name="reference-matrix",
    ),
    path(
        "referensdata/<slug:municipality_key>/riskmatriser/<slug:matrix_key>/kopiera/",
        reference.copy_matrix,
        name="reference-matrix-copy",
    ),
    path("referensdata/<slug:municipality_key>/word/", reference.word_base, name="reference-word"),
    path(
        "referensdata/<slug:municipality_key>/mallar/<slug:template_key>/",
        reference.edit_template,
        name="reference-template",
    ),
    path(
        "referensdata/<slug:municipality_key>/skalor/<slug:scale_key>/kopiera/",
        reference.copy_scale,
        name="reference-copy",
    ),
    path("plan/<int:plan_id>/aktiviteter/", activities.activities_page, name="activities"),
    path("plan/<int:plan_id>/aktiviteter/ny/", activities.save_activity, name="activity-new"),
    path(
        "plan/<int:plan_id>/aktiviteter/<int:activity_id>/",
        activities.save_activity,
        name="activity",
    ),
    path(
        "plan/<int:plan_id>/aktiviteter/<int:activity_id>/<slug:occasion_key>/",
        activities.report_activity,
        name="activity-report",
    ),
    path(
        "plan/<int:plan_id>/dokument/<slug:template>.<str:fmt>",
        documents.document_download,
        name="document-download",
    ),
]
