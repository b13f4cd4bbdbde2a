"""The desk's article list searches with the site's Korean search: the search app builds on the articles admin."""

from django.contrib import admin
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property

from articles.admin import ArticleAdmin
from articles.models import Article

from .models import DENSE, MAX_COUNT, PROBE, Entry, SpellingVariant
from .tokens import parse_query


class CappedPaginator(Paginator):
    """Counts up to MAX_COUNT: past it the list says "1,000건 이상" and offers the pages up to there. Counting every
    match of a word found in most articles took 1.7 s at a million articles (docs/performance.md)."""

    more = False

    @cached_property
    def count(self) -> int:
        found = self.object_list.order_by()[: MAX_COUNT + 1].count()
        self.more = found > MAX_COUNT
        return min(found, MAX_COUNT)

    @property
    def more_label(self) -> str:
        return f"{self.count:,}건 이상"


class SearchableArticleAdmin(ArticleAdmin):
    search_help_text = "제목·부제·요약·본문에서 찾습니다. 여러 낱말은 모두 들어간 기사를 찾습니다."

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Article], search_term: str
    ) -> tuple[QuerySet[Article], bool]:
        """The list's search box and the related-pick autocomplete, through the search index (all states)."""
        if not search_term.strip():
            return queryset, False
        query = parse_query(search_term)
        if connection.vendor == "postgresql" and Entry.objects.newest_share(query) * PROBE >= DENSE:
            # A word in most articles: the list reads the newest articles and checks each one's entry, where the
            # word's GIN list would hold most of the archive.
            entries = Entry.objects.filter(article_id=OuterRef("pk")).matching_row_by_row(query)
            return queryset.filter(Exists(entries)), False
        return queryset.filter(pk__in=Entry.objects.matching(query).values("article_id")), False

    def get_paginator(self, request: HttpRequest, queryset: QuerySet[Article], per_page: int, *args, **kwargs):
        if request.GET.get(SEARCH_VAR, "").strip():
            return CappedPaginator(queryset, per_page, *args, **kwargs)
        return super().get_paginator(request, queryset, per_page, *args, **kwargs)


admin.site.unregister(Article)
admin.site.register(Article, SearchableArticleAdmin)


@admin.register(SpellingVariant)
class SpellingVariantAdmin(admin.ModelAdmin):
    """The desk's table of spellings: a reader who types any of a word's spellings finds articles with any of them."""

    list_display = ["word", "variants"]
    search_fields = ["word", "variants"]
    fields = ["word", "variants"]
