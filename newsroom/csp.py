"""The Content-Security-Policy of every response (django-csp; the policy itself is in settings), with what differs
by page: the admin's nonce for the scripts packages inline, and the error pages' style hash.

Public pages get no nonce, ever: the page cache, proxies and CDNs send one copy of a page to every reader, and a
nonce repeated to everyone is no nonce. Their scripts are all static files.
"""

import base64
import hashlib
import re
from functools import cache

from csp.constants import NONCE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase
from django.template import loader
from django.template.response import TemplateResponse
from js_asset import Media

# Where the admin is (newsroom/urls.py); its pages are never cached for anyone, so a nonce there is one per response.
ADMIN_PREFIX = "/admin/"

_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


@cache
def error_page_style_sources() -> tuple[str, ...]:
    """The sha256 sources of the inline styles of the 400, 500 and 503 pages (templates/error_page.html), as rendered:
    they are shown when the static files may be down too, so their styles stay inline and are allowed by hash."""
    html = loader.get_template("error_page.html").render()
    return tuple(f"'sha256-{_sha256(style)}'" for style in _STYLE.findall(html))


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


class PolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, adding to the settings' policy a nonce to the admin's scripts and the error pages'
    style hashes. It sits outside the page cache (MIDDLEWARE), so a kept page gets the header as a rendered one."""

    def process_template_response(self, request: HttpRequest, response: TemplateResponse) -> TemplateResponse:
        # The admin renders a form's media ({{ media }}) with no nonce; django-prose-editor's media (js_asset) holds
        # an inline <script type="importmap">, which gets this response's nonce.
        context = response.context_data
        if request.path_info.startswith(ADMIN_PREFIX) and context and isinstance(context.get("media"), Media):
            context["media"] = context["media"].with_nonce(request.csp_nonce)
        return response

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        update = dict(parts.update or {})
        if request.path_info.startswith(ADMIN_PREFIX):
            # Only a nonce that was used goes out (django-csp leaves it out otherwise).
            update["script-src"] = [*update.get("script-src", ()), NONCE]
        if response.status_code >= 500 or response.status_code == 400:  # the pages of templates/error_page.html
            update["style-src"] = [*update.get("style-src", ()), *error_page_style_sources()]
        parts.update = update
        return parts
