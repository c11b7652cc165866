"""Vietnamese by default, whatever the browser asks for.

Django's LocaleMiddleware follows the browser's Accept-Language, and many offices run browsers in
English; the portal's users expect Vietnamese unless they chose English with the language switch,
which sets the language cookie.
"""

from django.conf import settings
from django.utils import translation


class PortalLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards, so one request's choice never leaks
        # into the next one served by the same thread.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response
