"""Stripe's events, posted by Stripe. Only an event whose ``Stripe-Signature``
proves it came from Stripe within the last five minutes is applied, and each
event only once."""

import stripe
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.accounts.access import public

from . import services, stripe_client


@public
@csrf_exempt  # Stripe cannot send a CSRF token; the signature proves the sender instead.
@require_POST
def stripe_webhook(request):
    """Anyone may post, but only an event signed with STRIPE_WEBHOOK_SECRET is applied."""
    signature = request.headers.get("Stripe-Signature", "")
    if not signature:
        return HttpResponseBadRequest("Missing Stripe-Signature")
    try:
        event = stripe_client.event_construct(payload=request.body, signature=signature)
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("Invalid signature or payload")
    applied = services.stripe_event_apply(event=event)
    # A repeat delivery is answered 200 too, so Stripe stops retrying it.
    return HttpResponse("applied" if applied else "already applied", content_type="text/plain")
