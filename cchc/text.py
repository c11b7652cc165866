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


def person_name(user) -> str:
    """A person's name in Vietnamese order: family name (last_name) then given name ("Nguyễn Thị Hoa")."""
    if user is None:
        return ""
    full = " ".join(part for part in (user.last_name, user.first_name) if part)
    return full or user.get_username()


def download_name(scope: str, period: str, ext: str) -> str:
    """Every file the portal hands out is named `cchc-<scope>-<period>.<ext>` in ASCII ("cchc-cb-2020-q1.xlsx",
    "cchc-tinh-hinh-gui-bao-cao-2020-q1.csv"): diacritics folded, đ → d, anything else a hyphen."""
    import re

    def slug(value: str) -> str:
        return re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")

    parts = ["cchc", slug(scope) or "du-lieu", slug(period) or "moi-ky"]
    return f"{'-'.join(parts)}.{ext}"
