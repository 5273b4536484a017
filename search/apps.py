from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "catalogue_search"
    verbose_name = _("Catalogue search")

    def ready(self):
        from listings.signals import listing_visibility_changed

        from .services import search_entry_refresh_receiver

        listing_visibility_changed.connect(
            search_entry_refresh_receiver, dispatch_uid="catalogue_search.entry_refresh"
        )
