"""Who a sign-in attempt is for, as the login throttle (django-axes) counts it.

The site's sign-in form posts ``email``; the CCS admin's (Wagtail's) posts
``username``. Both name the same account, so both must count against the same
key: otherwise the admin door reads no address at all, every attempt from one IP
address shares one anonymous count, and the account being guessed is never locked.
"""

from django.http import HttpRequest


def sign_in_account_key(request: HttpRequest, credentials: dict | None = None) -> str:
    """The address the attempt is for, lower-cased (addresses are stored lower-case,
    so "Ann@" and "ann@" are one account and one count)."""
    sources = [credentials or {}, getattr(request, "POST", {})]
    for source in sources:
        for field in ("email", "username"):
            value = source.get(field)
            if value:
                return str(value).strip().lower()
    return ""
