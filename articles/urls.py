from django.urls import path

from . import legacy, views
from .feeds import LatestArticlesFeed, ReporterFeed, SectionFeed, SeriesFeed
from .sitemaps import news_sitemap, sitemap_index, sitemap_section

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<id:pk>/", views.article_detail, name="detail"),
    path("articles/<id:pk>/related/", views.related_list, name="related"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("reporters/<id:pk>/", views.reporter_detail, name="reporter"),
    path("date/<yyyy:year>/<mm:month>/<dd:day>/", views.date_archive, name="date"),
    # The former site's addresses (literal paths, query strings read by the views).
    path("news/articleView.html", legacy.article, name="legacy_article"),
    path("news/section.html", legacy.section, name="legacy_section"),
    path("news/section_list_all.html", legacy.section, name="legacy_section_list"),
    path("news/article_list_writer.html", legacy.reporter, name="legacy_reporter"),
    path("rss/", LatestArticlesFeed(), name="feed"),
    path("rss/sections/<slug:slug>/", SectionFeed(), name="section_feed"),
    path("rss/series/<slug:slug>/", SeriesFeed(), name="series_feed"),
    path("rss/reporters/<id:pk>/", ReporterFeed(), name="reporter_feed"),
    # Sitemaps sit at the root: a sitemap may only list addresses under its own directory.
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", news_sitemap, name="sitemap_news"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap"),
]
