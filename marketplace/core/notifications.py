"""Telling people what happened: one way every app sends a plain-English e-mail.

E-mail goes through Django's configured backend (the console in development,
``mail.outbox`` in tests, SMTP in production), so no app talks to a mail server
itself. Links in a message are absolute, built from ``WAGTAILADMIN_BASE_URL``,
because a message is read outside the site.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse


def absolute_url(*, path: str) -> str:
    """The address of a path on this site, for a link in an e-mail."""
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def absolute_reverse(viewname: str, **kwargs: Any) -> str:
    """``reverse`` as an absolute address, for a link in an e-mail."""
    return absolute_url(path=reverse(viewname, **kwargs))


def notification_send(
    *,
    to: Iterable[str],
    subject: str,
    template: str,
    context: dict[str, Any] | None = None,
) -> int:
    """Render ``template`` (a plain-text template) and send it to every address in ``to``.

    Blank and repeated addresses are dropped; with nobody left, nothing is sent.
    The template gets ``service_name`` and ``base_url`` besides ``context``.
    Returns the number of messages sent (0 or 1).
    """
    recipients = sorted({address for address in to if address})
    if not recipients:
        return 0
    body = render_to_string(
        template,
        {
            "service_name": settings.SERVICE_NAME,
            "base_url": settings.WAGTAILADMIN_BASE_URL,
            **(context or {}),
        },
    )
    return send_mail(
        subject=subject,
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
