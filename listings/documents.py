"""Where listing documents are stored: under random names, out of public reach.

A draft's documents are not public, so they are kept outside ``MEDIA_ROOT`` (which
the development server, and often a web server in front of the site, serves by
path) in ``PRIVATE_MEDIA_ROOT``, and their stored names are random, so neither the
supplier's file name nor a guess finds them. ``listings.views.listing_document``
is the only way to read one, and it checks who is asking.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
}
# The URL segment for each document field.
KINDS = {"service-definition": "service_definition", "terms": "terms"}


class ListingDocumentStorage(FileSystemStorage):
    """File storage in ``PRIVATE_MEDIA_ROOT/listings``, read at use, so tests can move it."""

    @property
    def base_location(self):
        return PurePath(settings.PRIVATE_MEDIA_ROOT) / "listings"

    @property
    def location(self):
        return str(self.base_location)

    def url(self, name):
        # No address by path: the only way in is the view that checks access.
        raise ValueError("Listing documents have no public URL; link to listings:document")


def listing_document_storage() -> ListingDocumentStorage:
    return ListingDocumentStorage()


def listing_document_path(instance, filename: str) -> str:
    """A random stored name that keeps only the (already checked) file extension."""
    extension = PurePath(filename).suffix.lower()
    if extension not in CONTENT_TYPES:
        extension = ""
    return f"{uuid.uuid4().hex}{extension}"


def display_name(filename: str) -> str:
    """The name the supplier's file had, without any folders, for showing and downloading."""
    return PurePath(filename.replace("\\", "/")).name[:255]
