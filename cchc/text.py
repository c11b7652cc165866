"""Vietnamese text helpers: composed storage (NFC) and diacritic-free search keys."""

import unicodedata


def nfc(value: str | None) -> str:
    """Compose Vietnamese text (some keyboards and files send NFD) and trim it."""
    return unicodedata.normalize("NFC", value or "").strip()


def fold(value: str | None) -> str:
    """A search key: lower case, no diacritics, đ → d, single spaces ("Cao Bằng" → "cao bang").

    Stored beside a name so that the same plain `icontains` works on SQLite and PostgreSQL without
    database extensions (unaccent is PostgreSQL-only).
    """
    decomposed = unicodedata.normalize("NFD", (value or "").replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
