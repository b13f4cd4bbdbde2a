from django.urls import path

from caching.pages import cached_page

from . import legacy, views
from .feeds import LatestArticlesFeed, ReporterFeed, SectionFeed, SeriesFeed
from .sitemaps import news_sitemap, sitemap_index, sitemap_section

app_name = "articles"
urlpatterns = [
    path("", cached_page(views.home), name="home"),
    path("articles/<id:pk>/", cached_page(views.article_detail), name="detail"),
    path("articles/<id:pk>/related/", cached_page(views.related_list, paged=True), name="related"),
    path("sections/<slug:slug>/", cached_page(views.section_detail, paged=True), name="section"),
    path("series/<slug:slug>/", cached_page(views.series_detail, paged=True), name="series"),
    path("reporters/<id:pk>/", cached_page(views.reporter_detail, paged=True), name="reporter"),
    path("date/<yyyy:year>/<mm:month>/<dd:day>/", cached_page(views.date_archive, paged=True), name="date"),
    # The former site's addresses (literal paths, query strings read by the views).
    path("news/articleView.html", legacy.article, name="legacy_article"),
    path("news/section.html", legacy.section, name="legacy_section"),
    path("news/section_list_all.html", legacy.section, name="legacy_section_list"),
    path("news/article_list_writer.html", legacy.reporter, name="legacy_reporter"),
    path("rss/", cached_page(LatestArticlesFeed()), name="feed"),
    path("rss/sections/<slug:slug>/", cached_page(SectionFeed()), name="section_feed"),
    path("rss/series/<slug:slug>/", cached_page(SeriesFeed()), name="series_feed"),
    path("rss/reporters/<id:pk>/", cached_page(ReporterFeed()), name="reporter_feed"),
    # Sitemaps sit at the root: a sitemap may only list addresses under its own directory.
    path("sitemap.xml", cached_page(sitemap_index), name="sitemap_index"),
    path("sitemap-news.xml", cached_page(news_sitemap), name="sitemap_news"),
    path("sitemap-<slug:section>.xml", cached_page(sitemap_section), name="sitemap"),
]
