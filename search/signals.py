"""The index follows every save of an article: edits, release, withdrawal, a restored revision, an undelete.

A scheduled release needs no job: the entry holds the release time, and a search compares it with the clock.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article

from .models import index_articles


@receiver(post_save, sender=Article, dispatch_uid="search-index-article")
def index_saved_article(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    index_articles([instance])
