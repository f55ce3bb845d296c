"""The stripe library's HTTP client for the sandbox: the call is answered in-process, not over a socket.

Over HTTP, the sandbox needs a free worker of the server that is calling it: with every sync
worker inside a checkout, each waits for a sandbox answer that no worker is left to give, until
gunicorn kills them all. Answered in-process, a call needs nothing but the thread making it.
The request still goes through Django's URL resolver and the sandbox's real views (the same
JSON, the same errors), built from the URL the library asked for, so links the sandbox hands out
(the payment page, the webhook target) point at the real site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import stripe
from django.test.client import RequestFactory
from django.urls import resolve
from django.utils import translation


class InProcessSandboxClient(stripe.HTTPClient):
    name = "qhjs-sandbox-in-process"

    def request(self, method, url, headers, post_data=None, **kwargs):
        parts = urlsplit(url)
        secure = parts.scheme == "https"
        factory = RequestFactory(HTTP_HOST=parts.netloc or "127.0.0.1", HTTP_AUTHORIZATION=(headers or {}).get("Authorization", ""))
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if method.lower() == "get":
            request = factory.get(path, secure=secure)
        else:
            form = "application/x-www-form-urlencoded"
            request = factory.generic(method.upper(), path, post_data or "", content_type=form, secure=secure)
        language = translation.get_language()
        try:
            match = resolve(parts.path)
            response = match.func(request, *match.args, **match.kwargs)
        finally:
            if language:
                translation.activate(language)
        return response.content.decode(), response.status_code, dict(response.headers)

    def close(self):
        pass
