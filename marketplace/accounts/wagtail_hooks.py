"""CCS manages buyer organisations, the buyer e-mail allow-list and requests to join
an organisation in the Wagtail admin.

Snippets give CCS a list, search and edit screens with Wagtail's own audit log
of every change, and only people with the model permissions (the CCS groups)
can see them.
"""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import URL_NAMESPACE, JoinRequestsView
from .models import AllowedBuyerDomain, BuyerOrganisation
from .selectors import DECIDE_PERMISSION, buyer_organisation_kept_because


class AllowedBuyerDomainViewSet(SnippetViewSet):
    model = AllowedBuyerDomain
    icon = "mail"
    menu_label = "Buyer e-mail domains"
    list_display = ["domain", "description", "created_at"]
    search_fields = ["domain", "description"]
    add_to_admin_menu = True


class BuyerOrganisationViewSet(SnippetViewSet):
    model = BuyerOrganisation
    icon = "group"
    menu_label = "Buyer organisations"
    list_display = ["name", "sector", "email_domains"]
    list_filter = ["sector"]
    search_fields = ["name"]
    add_to_admin_menu = True


register_snippet(AllowedBuyerDomainViewSet)
register_snippet(BuyerOrganisationViewSet)


@hooks.register("before_delete_snippet")
def keep_buyer_organisations_in_use(request, instances):
    """An organisation that people belong to, or that has work, is never deleted
    (that would delete or orphan what people wrote): say so instead of failing.
    Runs for the single and the bulk delete, before the confirmation page too."""
    kept = [
        (organisation, reasons)
        for organisation in instances
        if isinstance(organisation, BuyerOrganisation)
        and (reasons := buyer_organisation_kept_because(organisation=organisation))
    ]
    if not kept:
        return None
    for organisation, reasons in kept:
        messages.error(
            request,
            f"{organisation.name} cannot be deleted because it has {', '.join(reasons)}. "
            "Organisations that people belong to or have used are kept.",
        )
    return redirect(reverse("wagtailsnippets_accounts_buyerorganisation:list"))


@hooks.register("register_admin_urls")
def register_join_request_urls():
    from django.urls import include

    urlpatterns = [
        path("", JoinRequestsView.as_view(), name="list"),
        path("<int:pk>/", JoinRequestsView.as_view(), name="decide"),
    ]
    return [path("join-requests/", include((urlpatterns, URL_NAMESPACE)))]


class DeciderMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(DECIDE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_join_requests_menu_item():
    return DeciderMenuItem(
        _("Requests to join"),
        reverse(f"{URL_NAMESPACE}:list"),
        name="join-requests",
        icon_name="user",
        order=250,
    )


@hooks.register("register_permissions")
def join_request_permission():
    # Lets CCS admins grant the decision to a group from Wagtail's group screens.
    return Permission.objects.filter(
        content_type__app_label="accounts", codename="decide_joinrequest"
    )
