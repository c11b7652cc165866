"""The dossier push's JSON parser: a bigger body than a form's, still bounded.

DRF's JSONParser reads `request.body`, which Django caps at DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB: right
for forms, too small for 10,000 records). This parser reads the stream itself up to API_PUSH_MAX_BYTES,
so the portal's forms keep their limit and a push has its own.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import BaseParser


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"


class BatchJSONParser(BaseParser):
    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_PUSH_MAX_BYTES
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise BodyTooLarge(
                _("Nội dung gửi lớn quá %(mb)s MB: hãy chia thành nhiều lô.") % {"mb": limit // (1024 * 1024)}
            )
        try:
            return json.loads(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(_("Nội dung không phải JSON hợp lệ (UTF-8): %(error)s") % {"error": exc}) from None
