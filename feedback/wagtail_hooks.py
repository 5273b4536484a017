"""Feedback moderation in the Wagtail admin: one menu item, shown only to people
who may moderate, leading to the three queues."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import URL_NAMESPACE, DisputeView, QueueView, ResponseView, VersionView
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
