"""CCS manages buyer organisations and the buyer e-mail allow-list in the Wagtail admin.

Snippets give CCS a list, search and edit screens with Wagtail's own audit log
of every change, and only people with the model permissions (the CCS groups)
can see them.
"""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AllowedBuyerDomain, BuyerOrganisation


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
    list_display = ["name", "sector"]
    list_filter = ["sector"]
    search_fields = ["name"]
    add_to_admin_menu = True


register_snippet(AllowedBuyerDomainViewSet)
register_snippet(BuyerOrganisationViewSet)
