"""Cursor pagination in a stable order, inside an envelope that states the licence.

Cursors (not page numbers) keep a reader's walk through a list consistent while
records are added: each page starts after the last primary key of the one before,
and primary keys never change.
"""

from django.conf import settings
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response


class StableCursorPagination(CursorPagination):
    ordering = "pk"
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_cursor_message = (
        "The cursor is not valid. Follow the next or previous link you were given."
    )

    def get_paginated_response(self, data):
        return Response(
            {
                "licence": settings.API_LICENCE_URL,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["licence", "next", "previous", "results"],
            "properties": {
                "licence": {"type": "string", "format": "uri"},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == "page_size":
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 100}
        return parameters
