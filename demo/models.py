"""What the demo loader remembers between runs: which article and which section is which entry of demo.content.

Headlines, slugs and release times are no way to tell: an editor may change any of them, and the loader itself moves
the release times forward on every run (demo.loader). A row here names the entry by its key in demo.content.
"""

from django.db import models

from articles.models import Article, Section


class DemoArticle(models.Model):
    """A demo article by its key, and the release time the loader last gave it.

    The loader re-stamps an article only while its row is exactly as the loader left it: released at `stamped_at`,
    created and updated at that moment, by nobody. Any save (the admin's included) moves `updated_at`, and the admin
    sets `updated_by`, so an article an editor touched keeps its text and its time.

    `article` is set to NULL, not deleted with it, when an editor deletes the article: the row then remembers that
    the deletion was the editor's, and the loader does not bring the article back (it would come back under a new
    number, without the related picks other articles had to it).
    """

    key = models.CharField("데모 키", max_length=80, unique=True, help_text="demo.content의 기사 key")
    article = models.OneToOneField(
        Article,
        verbose_name="기사",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="demo_entry",
        help_text="비어 있으면 편집자가 지운 데모 기사입니다. 데모를 다시 불러와도 되살리지 않습니다.",
    )
    stamped_at = models.DateTimeField("데모 출고 시각", help_text="데모를 불러올 때 마지막으로 정한 출고 시각")

    class Meta:
        ordering = ["key"]
        verbose_name = "데모 기사"
        verbose_name_plural = "데모 기사"

    def __str__(self) -> str:
        return self.key


class DemoSection(models.Model):
    """A demo section by its key (its slug in demo.content), once the loader has given it its 옛 섹션 번호.

    The number is given once, to a section that has none and only if no other section holds it; after that the
    number is the editors' to change or clear, and the loader leaves it alone. Deleting the section deletes the row:
    the loader then makes the section again, as it makes whatever else of the demo is missing.
    """

    key = models.CharField("데모 키", max_length=50, unique=True, help_text="demo.content의 섹션 slug")
    section = models.OneToOneField(Section, verbose_name="섹션", on_delete=models.CASCADE, related_name="demo_entry")

    class Meta:
        ordering = ["key"]
        verbose_name = "데모 섹션"
        verbose_name_plural = "데모 섹션"

    def __str__(self) -> str:
        return self.key
