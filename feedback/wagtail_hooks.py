"""Feedback moderation in the Wagtail admin: one menu item, shown only to people
who may moderate, leading to the three queues."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from marketplace.core.dashboard import WAITING_FOR_CCS_HOOK, Waiting

from .admin_views import URL_NAMESPACE, DisputeView, QueueView, ResponseView, VersionView
from .selectors import moderation_queue
from .services import MODERATE_PERMISSION

urlpatterns = [
    path("", QueueView.as_view(), name="queue"),
    path("feedback/<int:pk>/", VersionView.as_view(), name="version"),
    path("responses/<int:pk>/", ResponseView.as_view(), name="response"),
    path("disputes/<int:pk>/", DisputeView.as_view(), name="dispute"),
]


@hooks.register("register_admin_urls")
def register_feedback_moderation_urls():
    return [path("feedback-moderation/", include((urlpatterns, URL_NAMESPACE)))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MODERATE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_feedback_moderation_menu_item():
    return ModeratorMenuItem(
        _("Feedback moderation"),
        reverse(f"{URL_NAMESPACE}:queue"),
        name="feedback-moderation",
        icon_name="comment",
        order=260,
    )


@hooks.register("register_permissions")
def feedback_moderation_permission():
    # Lets CCS admins grant moderation to a group from Wagtail's group screens.
    return Permission.objects.filter(
        content_type__app_label="feedback", codename="moderate_feedback"
    )


@hooks.register(WAITING_FOR_CCS_HOOK, order=20)
def feedback_waiting_for_ccs(user) -> list[Waiting]:
    if not user.has_perm(MODERATE_PERMISSION):
        return []
    rows = []
    queue = reverse(f"{URL_NAMESPACE}:queue")
    queues = moderation_queue()
    for key, anchor, singular, plural in (
        (
            "feedback",
            "feedback-waiting",
            "feedback version to moderate",
            "feedback versions to moderate",
        ),
        (
            "responses",
            "responses-waiting",
            "supplier response to moderate",
            "supplier responses to moderate",
        ),
        ("disputes", "open-disputes", "open dispute", "open disputes"),
    ):
        count = queues[key].count()
        rows.append(Waiting(ngettext(singular, plural, count), f"{queue}#{anchor}", count))
    return rows
