"""Who may use each view.

Every view in the project is wrapped in exactly one of these decorators, which
both enforces the rule and records it on the view (``view.access``) so a test
can walk the URL configuration and prove that no view forgot to say.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .roles import Role

View = Callable[..., HttpResponse]


def _declare(view: View, access: str) -> View:
    view.access = access  # type: ignore[attr-defined]
    return view


def public(view: View) -> View:
    """Anyone, signed in or not."""
    return _declare(view, "public")


def _require(predicate: Callable[[HttpRequest], bool], access: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not predicate(request):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _declare(wrapped, access)

    return decorator


signed_in = _require(lambda request: True, "signed_in")
buyer_required = _require(lambda request: request.user.is_buyer, Role.BUYER.value)
verified_buyer_required = _require(lambda request: request.user.is_verified_buyer, "verified_buyer")
supplier_required = _require(lambda request: request.user.is_supplier_user, Role.SUPPLIER.value)
ccs_staff_required = _require(lambda request: request.user.is_ccs_staff, "ccs_staff")
