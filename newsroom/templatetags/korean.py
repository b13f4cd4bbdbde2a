"""Korean in templates: `{{ user|korean_name }}` (성 이름), `{{ word|particle:"을/를" }}` (the particle alone)."""

from django import template

from newsroom.korean import particle as particle_of

register = template.Library()


@register.filter
def korean_name(user) -> str:
    """From the account's own names, family name first: no query (every admin page greets its user)."""
    first, last = user.first_name.strip(), user.last_name.strip()
    return f"{last}{first}" if first and last else last or first or user.get_username()


@register.filter
def particle(word, particles: str) -> str:
    return particle_of(str(word), particles)
