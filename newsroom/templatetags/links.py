from django import template

from newsroom.site import fixed_url as resolved

register = template.Library()


@register.simple_tag
def fixed_url(name: str) -> str:
    """`{% fixed_url "articles:home" %}`: `{% url %}` for an address that takes no argument, resolved once per
    process (newsroom.site.fixed_url): every page's masthead links to three."""
    return resolved(name)
