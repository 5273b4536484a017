from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from marketplace.core import views as core_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("account/", include("marketplace.accounts.urls")),
    path("buyer/", include("direct_award.urls")),
    path("frameworks/", include("frameworks.urls")),
    path("suppliers/", include("suppliers.urls")),
    path("services/", include("listings.urls")),
    path("search/", include("search.urls")),
    # The supplier's own area: their listings, then their organisation and team.
    path("supplier/listings/", include("listings.supplier_urls")),
    path("supplier/", include("suppliers.account_urls")),
    path("feedback/", include("feedback.urls")),
    path("strategies/", include("strategies.urls")),
    # OCDS first: the public API's own include will also start with api/v1/.
    path("api/v1/ocds/", include("ocds.urls")),
    path("spend/", include("spend.urls")),
    path("health/", core_views.health, name="health"),
    path("next-steps/", core_views.next_steps, name="next-steps"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree, so it goes last.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "marketplace.core.views.page_not_found"
handler500 = "marketplace.core.views.server_error"
handler403 = "marketplace.core.views.permission_denied"
handler400 = "marketplace.core.views.bad_request"
