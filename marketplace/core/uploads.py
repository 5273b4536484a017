"""Checks for the documents people upload: the type by name and by first bytes
(so a renamed file of another type is refused), and the size."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

PDF = {".pdf": b"%PDF-"}
ODT = {".odt": b"PK\x03\x04"}  # an OpenDocument file is a zip archive


def upload_check(
    upload: UploadedFile | None,
    *,
    types: dict[str, bytes],
    max_mb: int,
    type_message: str,
    size_message: str,
) -> UploadedFile | None:
    """The upload if it is one of ``types`` (extension → signature) and small enough."""
    if not upload:
        return None
    extension = next((ext for ext in types if upload.name.lower().endswith(ext)), None)
    if extension is None:
        raise forms.ValidationError(type_message, code="type")
    if upload.size > max_mb * 1024 * 1024:
        raise forms.ValidationError(size_message, code="size")
    head = upload.read(len(types[extension]))
    upload.seek(0)
    if head != types[extension]:
        raise forms.ValidationError(type_message, code="type")
    return upload
