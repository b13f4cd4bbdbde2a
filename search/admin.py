"""The desk's article list searches with the site's Korean search: the search app builds on the articles admin."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from articles.admin import ArticleAdmin
from articles.models import Article

from .models import Entry
from .tokens import parse_query


class SearchableArticleAdmin(ArticleAdmin):
    search_help_text = "제목·부제·요약·본문에서 찾습니다. 여러 낱말은 모두 들어간 기사를 찾습니다."

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Article], search_term: str
    ) -> tuple[QuerySet[Article], bool]:
        """The list's search box and the related-pick autocomplete, through the search index (all states)."""
        if not search_term.strip():
            return queryset, False
        query = parse_query(search_term)
        return queryset.filter(pk__in=Entry.objects.matching(query).values("article_id")), False


admin.site.unregister(Article)
admin.site.register(Article, SearchableArticleAdmin)
