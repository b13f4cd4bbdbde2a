"""Korean in templates: `{{ user|korean_name }}` (성 이름), `{{ word|particle:"을/를" }}` (the particle alone)."""

from django import template

from newsroom.korean import korean_name as name_of
from newsroom.korean import particle as particle_of

register = template.Library()


@register.filter
def korean_name(user) -> str:
    return name_of(user)


@register.filter
def particle(word, particles: str) -> str:
    return particle_of(str(word), particles)
