"""Completes the generated OpenAPI document with what every operation shares: the
JSON error body and the errors any request may get (400 for a bad parameter, 404,
429 when throttled), and the licence ``Link`` header on each answer."""

ERROR = {
    "type": "object",
    "required": ["status", "message", "licence"],
    "properties": {
        "status": {"type": "integer"},
        "message": {"type": "string"},
        "licence": {"type": "string", "format": "uri"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "For a 400: each parameter's problems.",
        },
        "retry_after": {"type": "integer", "description": "For a 429: seconds to wait."},
    },
}
DESCRIPTIONS = {
    "400": "A parameter is not valid; `errors` says which and why.",
    "404": "Nothing is at this address, or the cursor is not valid.",
    "429": "Too many requests from your address; `retry_after` says how long to wait.",
}
LINK = {
    "Link": {
        "description": 'The licence, as `<licence URL>; rel="license"` (Open Government Licence).',
        "schema": {"type": "string"},
    }
}


def error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, description in DESCRIPTIONS.items():
                responses.setdefault(code, {"description": description, "content": reference})
            for response in responses.values():
                response.setdefault("headers", {}).update(LINK)
    return result


def api_paths_only(endpoints):
    """Only the public API is described, not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
