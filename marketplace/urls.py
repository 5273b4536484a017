from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.urls import no_endpoint as api_no_endpoint
from marketplace import views as site_views
from marketplace.accounts import views as account_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("account/", include("marketplace.accounts.urls")),
    path("buyer/questions/", include("questions.urls")),
    path("buyer/", include("direct_award.urls")),
    path("frameworks/", include("frameworks.urls")),
    path("suppliers/", include("suppliers.urls")),
    path("services/", include("listings.urls")),
    path("search/", include("search.urls")),
    # The supplier's own area: their listings, then their organisation and team.
    path("supplier/listings/", include("listings.supplier_urls")),
    path("supplier/questions/", include("questions.supplier_urls")),
    path("supplier/", include("suppliers.account_urls")),
    path("feedback/", include("feedback.urls")),
    path("strategies/", include("strategies.urls")),
    path("orders/", include("orders.urls")),
    # OCDS first: the public API's own include also starts with api/v1/.
    path("api/v1/ocds/", include("ocds.urls")),
    path("api/", include("api.urls")),
    path("spend/", include("spend.urls")),
    path("health/", site_views.health, name="health"),
    path("health/<slug:check>/", site_views.health, name="health_check"),
    path("next-steps/", account_views.next_steps, name="next-steps"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Any other path under /api/ is a JSON 404, not a page; then Wagtail serves every
# other path from the page tree, so it goes last.
urlpatterns += [path("api/", include(api_no_endpoint)), path("", include(wagtail_urls))]

handler404 = "marketplace.core.views.page_not_found"
handler500 = "marketplace.core.views.server_error"
handler403 = "marketplace.core.views.permission_denied"
handler400 = "marketplace.core.views.bad_request"
