"""Conditional GET for dashboards that poll: ETag and Last-Modified, `Cache-Control: private, no-cache`.

The ETag is a digest of the JSON body, so it changes exactly when the answer changes, whatever changed
it (a figure, a target, a legend, a unit's name). Last-Modified, where a view can tell it cheaply, is the
latest change of the rows it reads. A poll with If-None-Match (or If-Modified-Since, when no ETag is
sent) that matches gets 304 and no body: the client keeps its copy. `private`: answers depend on who
asks (the scope of their token), so shared caches must not keep them; `no-cache`: revalidate every time.
"""

from __future__ import annotations

import hashlib

from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from rest_framework import status
from rest_framework.response import Response

CACHE_CONTROL = "private, no-cache"
VARY = ("Authorization", "Cookie", "Accept-Language")  # the answer depends on who asks, and in which language


class ConditionalGetMixin:
    """Adds the validators to successful GET answers of an APIView and answers 304 when they match."""

    def last_modified(self, request):
        """The latest change of what the answer is made of (an aware datetime), or None when unknown."""
        return None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != status.HTTP_200_OK:
            response.setdefault("Cache-Control", CACHE_CONTROL)
            return response
        response.render()
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        modified = self.last_modified(request)
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if modified is not None:
            headers["Last-Modified"] = http_date(modified.timestamp())
        if _not_modified(request, etag, modified):
            not_modified = Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
            not_modified.accepted_renderer = response.accepted_renderer
            not_modified.accepted_media_type = response.accepted_media_type
            not_modified.renderer_context = response.renderer_context
            not_modified.render()
            patch_vary_headers(not_modified, VARY)
            return not_modified
        for key, value in headers.items():
            response[key] = value
        patch_vary_headers(response, VARY)
        return response


def _not_modified(request, etag: str, modified) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        etags = parse_etags(if_none_match)
        return "*" in etags or etag in etags or etag.strip('"') in etags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and modified is not None and int(modified.timestamp()) <= since
