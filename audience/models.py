"""What readers read: article views, counted per hour."""

from django.db import models
from django.utils import timezone

from articles.models import Article


class ArticleViewCount(models.Model):
    """Views of an article in one hour, spread over a few rows so that simultaneous readers seldom wait on a lock."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="view_counts")
    hour = models.DateTimeField("시각 (정시)")
    shard = models.PositiveSmallIntegerField()
    views = models.PositiveIntegerField("조회수", default=0, db_default=0)

    class Meta:
        db_table = "articles_articleviewcount"  # where the counts lived before audience had an app of its own
        verbose_name = "조회수"
        verbose_name_plural = "조회수"
        constraints = [
            # Leads with the hour: the rankings read the recent hours' range of it. The views column stays out
            # of every index so that counting a view updates its row in place (PostgreSQL's HOT update).
            models.UniqueConstraint(fields=["hour", "article", "shard"], name="article_view_bucket"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {timezone.localtime(self.hour):%Y-%m-%d %H}시"
