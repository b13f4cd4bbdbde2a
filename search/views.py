from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.safestring import SafeString

from articles.html import plain_text
from articles.models import Reporter, Section, Series
from newsroom.pages import render_page

from .forms import SearchForm
from .models import search
from .snippets import marked, snippet, teaser_text
from .tokens import parse_query


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _ignored(form: SearchForm, data: dict, **found) -> list[str]:
    """Why each filter left out of the search was left out, in the form's order."""
    reasons = [f"{form[name].label}: {message}" for name, errors in form.errors.items() for message in errors]
    reasons += [
        f"{form[name].label}: {form.fields[name].error_messages['invalid']}"
        for name, value in found.items()
        if data.get(name) and not value
    ]
    return reasons


def _headline(article, marks: list[str]) -> SafeString:
    """The headline as readers see it, the words found marked in it (not in the series prefix, never searched)."""
    if not article.series_id:
        return marked(article.headline, marks)
    return format_html("{} {}", article.series.prefix, marked(article.headline, marks))


def results(request: HttpRequest) -> HttpResponse:
    """`/search/?q=…`: matching articles readers may see, headline matches first, then the newest."""
    form = SearchForm(request.GET)
    data = form.valid_data()
    query = parse_query(data.get("q", ""))
    sections = list(Section.objects.all())
    section = next((s for s in sections if s.slug == data.get("section")), None)
    series = Series.objects.filter(slug=data["series"]).first() if data.get("series") else None
    reporter = Reporter.objects.filter(pk=data["reporter"]).first() if data.get("reporter") else None
    since, until = data.get("since"), data.get("until")
    context = {
        "form": form,
        "query": query,
        "sections": sections,
        "section": section,
        "series": series,
        "reporter": reporter,
        "since": since,
        "until": until,
        "ignored": _ignored(form, data, section=section, series=series, reporter=reporter),
        "narrowed": bool(section or series or reporter or since or until),
    }
    if query:
        found = search(
            query,
            section_id=section.pk if section else None,
            series_id=series.pk if series else None,
            reporter_id=reporter.pk if reporter else None,
            since=_day_start(since) if since else None,
            until=_day_start(until + timedelta(days=1)) if until else None,
        )
        asked = request.GET.get("page", "")
        page = Paginator(found, settings.ARTICLES_PER_PAGE).get_page(asked)
        # A page past the last (past 50 when the total is not counted) shows the last, and says so.
        number = asked.isascii() and asked.isdigit() and (len(asked) > 9 or int(asked) > page.number)
        context["past_last"] = bool(page.object_list) and number
        page.elided_range = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
        marks = query.highlights
        page.object_list = [
            (
                article,
                _headline(article, marks),
                snippet(teaser_text(article.summary, plain_text(article.body)), marks),
            )
            for article in page.object_list
        ]
        found_filters = {"section": section, "series": series, "reporter": reporter}
        kept = {name: request.GET[name] for name in ("q", "section", "series", "reporter", "since", "until")
                if request.GET.get(name) and name not in form.errors
                and found_filters.get(name, True) is not None}  # fmt: skip
        context |= {
            "page": page,
            "page_query": urlencode({**kept, "q": query.text}) + "&",
            # Past MAX_COUNT (1,000) the total is not counted exactly (docs/search.md): "1,000건 이상".
            "total_more": getattr(found, "more", False),
        }
    response = render_page(request, "search/results.html", context, sections=sections)
    if query:
        # A reader's own query: kept briefly by their browser, never by a shared cache, whose room it would fill.
        patch_cache_control(response, private=True, max_age=settings.SEARCH_MAX_AGE)
    return response
