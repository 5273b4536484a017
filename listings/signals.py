"""Sent after commit whenever what the public can see of a listing may have changed,
so the search index can follow without the listings app knowing about it."""

from django.dispatch import Signal

listing_visibility_changed = Signal()  # sender=Listing, listing_id=int
