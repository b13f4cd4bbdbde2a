"""The index follows every save of an article: edits, release, withdrawal, a restored revision, an undelete; and
every change of its bylines, whose reporters its entry holds as facets (PostgreSQL), in the same transaction.

A scheduled release needs no job: the entry holds the release time, and a search compares it with the clock.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles.models import Article, Byline

from .models import VARIANTS_CACHE_KEY, SpellingVariant, index_articles, index_reporters


@receiver(post_save, sender=Article, dispatch_uid="search-index-article")
def index_saved_article(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    index_articles([instance])


@receiver(pre_save, sender=Byline, dispatch_uid="search-index-byline-before")
def _remember_the_article(sender, instance: Byline, **kwargs) -> None:
    """The article a byline moved from, if it moved, loses its reporter facet too."""
    before = Byline.objects.filter(pk=instance.pk).values_list("article_id", flat=True).first() if instance.pk else None
    instance._search_article_before = before


@receiver(post_save, sender=Byline, dispatch_uid="search-index-byline")
@receiver(post_delete, sender=Byline, dispatch_uid="search-index-byline-deleted")
def index_byline_change(sender, instance: Byline, raw: bool = False, **kwargs) -> None:
    """A byline added, removed or given another reporter (a restored revision's too): its article's reporter
    facets again, from the bylines it has now."""
    before = getattr(instance, "_search_article_before", None)
    index_reporters(sorted({instance.article_id, before} - {None}))


@receiver(post_save, sender=SpellingVariant, dispatch_uid="search-variants-saved")
@receiver(post_delete, sender=SpellingVariant, dispatch_uid="search-variants-deleted")
def forget_spelling_variants(sender, **kwargs) -> None:
    """Every server reads the table again on its next query: the cache is shared."""
    cache.delete(VARIANTS_CACHE_KEY)
