"""The addresses of the former site (`/news/articleView.html?idxno=12345` and its kin), answered with permanent
redirects to the pages that replace them, so that links and search results from before the move keep working.

Query strings here come from anywhere: anything missing, repeated, malformed or unknown is a 404, and every
redirect target is built from `reverse()` or `get_absolute_url()`, never from the request.
"""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from .models import Article, Reporter, Section

# At most 18 digits, so no number longer than a 64-bit column holds goes near the database. Leading zeros are
# allowed (`idxno=00012` is 12); a sign, spaces, exponents and non-ASCII digits are not.
_NUMBER = re.compile(r"[0-9]{1,18}")


def _single(request: HttpRequest, name: str) -> str | None:
    """The value of query parameter `name`, None when absent; a repeated one is a 404, as which was meant is unknown."""
    values = request.GET.getlist(name)
    if len(values) > 1:
        raise Http404("같은 값이 여러 번 왔습니다.")
    return values[0] if values else None


def _positive_number(value: str | None) -> int:
    if value is None or not _NUMBER.fullmatch(value) or int(value) == 0:
        raise Http404("잘못된 번호입니다.")
    return int(value)


@require_safe
def article(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """`articleView.html?idxno=N`: the idxno is the article's id, kept when the archive was imported."""
    pk = _positive_number(_single(request, "idxno"))
    found = get_object_or_404(Article.objects.published().only("pk"), pk=pk)
    return HttpResponsePermanentRedirect(found.get_absolute_url())


@require_safe
def section(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """`section.html?sec_no=N` and `section_list_all.html?sec_no=N&page=P`: the section with that 옛 섹션 번호.

    A page number is kept when the section has that page; an empty `page=` is the first page, as on the section
    page itself.
    """
    found = get_object_or_404(Section, legacy_sec_no=_positive_number(_single(request, "sec_no")))
    asked = _single(request, "page")
    page = _positive_number(asked) if asked else 1
    if page == 1:
        return HttpResponsePermanentRedirect(found.get_absolute_url())
    articles = Article.objects.published().filter(section=found)
    if page > Paginator(articles, settings.ARTICLES_PER_PAGE).num_pages:
        raise Http404("없는 페이지입니다.")
    return HttpResponsePermanentRedirect(f"{found.get_absolute_url()}?page={page}")


@require_safe
def reporter(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """`article_list_writer.html?name=이름`: the reporter with exactly that name (spaces around it ignored).

    The name comes percent-encoded as UTF-8, as the former sites wrote it; bytes that are not UTF-8 (an EUC-KR
    name, say) cannot match anyone and are a 404. When several reporters share the name, the link goes to one
    fixed choice: reporters still at the paper first, then the one with the most recent published article,
    then the earliest created (lowest id).
    """
    name = (_single(request, "name") or "").strip()
    # Django decodes undecodable bytes to U+FFFD; control characters (NUL) PostgreSQL would refuse outright.
    if not name or "\ufffd" in name or not name.isprintable():
        raise Http404("기자를 찾을 수 없습니다.")
    latest = (
        Article.objects.published()
        .filter(bylines__reporter=OuterRef("pk"))
        .order_by("-published_at")
        .values("published_at")[:1]
    )
    found = (
        Reporter.objects.filter(name=name)
        .annotate(latest_published_at=Subquery(latest))
        .order_by("-is_active", F("latest_published_at").desc(nulls_last=True), "pk")
        .first()
    )
    if found is None:
        raise Http404("기자를 찾을 수 없습니다.")
    return HttpResponsePermanentRedirect(found.get_absolute_url())
