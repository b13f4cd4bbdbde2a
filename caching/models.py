from django.db import models


class ContentVersion(models.Model):
    """The version of what readers may see: one row, moved on by every change a reader would see.

    It is moved inside the transaction that makes the change, so it turns over exactly when the change commits, for
    every process at once (each app server may keep its own page cache).
    """

    value = models.BigIntegerField("버전", default=1)

    class Meta:
        verbose_name = "콘텐츠 버전"
        verbose_name_plural = "콘텐츠 버전"

    def __str__(self) -> str:
        return f"v{self.value}"
