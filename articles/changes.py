"""What a change to the paper's content shows on, told to the page cache and the proxies (caching.versions).

A save readers would see (a release, a withdrawal, an edit of a released or scheduled article, a section, series
or reporter renamed) moves the content version on when it commits, and purges the addresses it shows on. A draft's
save, which no reader sees, changes neither.
"""

from datetime import date

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from caching.versions import content_changed

from .models import Article, Byline, RelatedPick, Reporter, Section, Series
from .sitemaps import article_sitemap_path

# Shown by every release, whichever article it is: the front page, the latest feed, the sitemaps, 많이 본 뉴스.
EVERY_RELEASE = ("/", "/rss/", "/sitemap.xml", "/sitemap-news.xml", "/popular/")


def article_paths(article: Article) -> set[str]:
    """The public addresses `article` (as saved now) shows on."""
    paths = {*EVERY_RELEASE, reverse("articles:detail", args=[article.pk])}
    paths.add(reverse("articles:related", args=[article.pk]))
    if article.section_id:
        section = Section.objects.filter(pk=article.section_id).values_list("slug", flat=True).first()
        if section:
            paths |= {reverse("articles:section", args=[section]), reverse("articles:section_feed", args=[section])}
    if article.series_id:
        series = Series.objects.filter(pk=article.series_id).values_list("slug", flat=True).first()
        if series:
            paths |= {reverse("articles:series", args=[series]), reverse("articles:series_feed", args=[series])}
    for reporter_id in Byline.objects.filter(article_id=article.pk).values_list("reporter_id", flat=True):
        paths |= reporter_paths(reporter_id)
    if article.published_at:
        paths.add(date_path(timezone.localdate(article.published_at)))
    paths.add(article_sitemap_path(article.pk))
    return paths


def reporter_paths(reporter_id: int) -> set[str]:
    return {reverse("articles:reporter", args=[reporter_id]), reverse("articles:reporter_feed", args=[reporter_id])}


def date_path(day: date) -> str:
    return reverse("articles:date", args=[day.year, day.month, day.day])


@receiver(pre_save, sender=Article, dispatch_uid="articles-changes-before")
def _remember_where_it_was(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    """The addresses the article showed on before this save: a withdrawn or moved story leaves them too."""
    instance._shown_before = set()
    if raw or instance.pk is None:
        return
    before = Article.objects.filter(pk=instance.pk).first()
    if before is not None and before.status == Article.Status.PUBLISHED:
        instance._shown_before = article_paths(before)


@receiver(post_save, sender=Article, dispatch_uid="articles-changes-after")
def _article_saved(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    before = getattr(instance, "_shown_before", set())
    if instance.status == Article.Status.PUBLISHED:
        content_changed(before | article_paths(instance))
    elif before:  # withdrawn, returned or sent back to the desk: gone from where it was
        content_changed(before)


@receiver(post_delete, sender=Article, dispatch_uid="articles-changes-deleted")
def _article_deleted(sender, instance: Article, **kwargs) -> None:
    if instance.status == Article.Status.PUBLISHED:
        content_changed({*EVERY_RELEASE, reverse("articles:detail", args=[instance.pk])})


@receiver(post_save, sender=Byline, dispatch_uid="articles-changes-byline")
@receiver(post_delete, sender=Byline, dispatch_uid="articles-changes-byline-deleted")
def _byline_changed(sender, instance: Byline, raw: bool = False, **kwargs) -> None:
    if not raw:
        _if_released(instance.article_id, reporter_paths(instance.reporter_id))


@receiver(post_save, sender=RelatedPick, dispatch_uid="articles-changes-pick")
@receiver(post_delete, sender=RelatedPick, dispatch_uid="articles-changes-pick-deleted")
def _pick_changed(sender, instance: RelatedPick, raw: bool = False, **kwargs) -> None:
    if not raw:
        _if_released(instance.from_article_id, {reverse("articles:related", args=[instance.from_article_id])})


def _if_released(article_id: int, paths: set[str]) -> None:
    """A part of an article changed (a byline, a pick): its page and `paths` change if readers may see it."""
    status = Article.objects.filter(pk=article_id).values_list("status", flat=True).first()
    if status == Article.Status.PUBLISHED:
        content_changed(paths | {reverse("articles:detail", args=[article_id])})


@receiver(post_save, sender=Section, dispatch_uid="articles-changes-section")
@receiver(post_delete, sender=Section, dispatch_uid="articles-changes-section-deleted")
@receiver(post_save, sender=Series, dispatch_uid="articles-changes-series")
@receiver(post_delete, sender=Series, dispatch_uid="articles-changes-series-deleted")
@receiver(post_save, sender=Reporter, dispatch_uid="articles-changes-reporter")
@receiver(post_delete, sender=Reporter, dispatch_uid="articles-changes-reporter-deleted")
def _named_thing_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """A section is in every page's menu, and a series or a reporter's name is on every article of theirs: every
    page may change, and proxies catch up within their s-maxage."""
    if raw:
        return
    paths = {"/"}
    if instance.pk is not None and hasattr(instance, "get_absolute_url"):
        paths.add(instance.get_absolute_url())
    content_changed(paths)
