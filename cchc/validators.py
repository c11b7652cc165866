"""Validators shared by every app: the official shape of Vietnamese document numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import nfc

# "57/QĐ-UBND", "186/UBND-NC", "108/2014/NĐ-CP", "864/NQ-UBTVQH14", "1847/QĐ-TTg": a number, an optional
# year, then the kind and issuer abbreviations in capitals (letters with Đ, digits allowed after the first
# letter); an abbreviation may end in small letters, as the Prime Minister's "TTg" does.
DOCUMENT_NUMBER_RE = re.compile(r"^\d{1,6}(/\d{4})?/[A-ZĐ][A-ZĐ0-9]*[a-zđ]*(-[A-ZĐ][A-ZĐ0-9]*[a-zđ]*)*$")


def validate_document_number(value: str) -> None:
    if not DOCUMENT_NUMBER_RE.match(nfc(value)):
        raise ValidationError(
            _("Số hiệu văn bản “%(value)s” không đúng định dạng (ví dụ: 57/QĐ-UBND, 108/2014/NĐ-CP)."),
            code="document_number",
            params={"value": value},
        )
