"""`{% load sharing %}`: absolute addresses and the sharing metadata of an article page."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from newsroom.site import absolute_url as site_absolute_url

from ..models import Article
from ..sharing import ArticleSharing, article_sharing, json_for_script

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context: template.Context, path: str) -> str:
    """`{% absolute_url article.get_absolute_url %}`: the path on the site's public address (SITE_URL or the
    request's host)."""
    return site_absolute_url(context["request"], path)


@register.simple_tag(takes_context=True)
def sharing(context: template.Context, article: Article) -> ArticleSharing:
    """`{% sharing article as share %}`: title, description, image, dates and JSON-LD for link previews."""
    return article_sharing(context["request"], article)


@register.filter
def json_ld(value: Any) -> SafeString:
    """`<script type="application/ld+json">{{ data|json_ld }}</script>`, escaped so the data cannot end the
    script element."""
    return json_for_script(value)
