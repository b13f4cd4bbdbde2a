from __future__ import annotations

import posixpath
import re
import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.safestring import SafeString, mark_safe

from caching.versions import content_changed
from newsroom.escaping import escape

from . import processing

# The widest JPEG rendition used where one image must serve every screen (`<img src>`, the body editor).
FALLBACK_MAX_WIDTH = 1024


class PhotoQuerySet(models.QuerySet):
    def with_renditions(self) -> PhotoQuerySet:
        """Photos whose srcset, fallback and thumbnail are read without a query each."""
        return self.prefetch_related("renditions")


class PhotoManager(models.Manager.from_queryset(PhotoQuerySet)):
    def create_from_upload(
        self,
        upload: File,
        *,
        alt_text: str = "",
        caption: str = "",
        credit: str = "",
        user: AbstractBaseUser | None = None,
    ) -> Photo:
        """Check, clean and store an uploaded image with its renditions; ValidationError if it is refused."""
        return self.create_from_clean(
            processing.process(upload), alt_text=alt_text, caption=caption, credit=credit, user=user
        )

    def create_from_clean(
        self,
        clean: processing.CleanImage,
        *,
        alt_text: str = "",
        caption: str = "",
        credit: str = "",
        user: AbstractBaseUser | None = None,
    ) -> Photo:
        """Store an image `processing.process` has already cleaned: all rows and files, or none of them."""
        photo = self.model(
            width=clean.width,
            height=clean.height,
            alt_text=alt_text,
            caption=caption,
            credit=credit,
            uploaded_by=user,
        )
        storage = photo.image.storage
        written: list[str] = []
        try:
            with transaction.atomic(using=self.db):
                # A random name: the uploaded one may carry a person's name, a place or a scoop's subject.
                photo.image.save(f"{uuid.uuid4().hex}.{clean.extension}", ContentFile(clean.content), save=False)
                written.append(photo.image.name)
                photo.save(using=self.db)
                stem = posixpath.splitext(photo.image.name)[0]
                renditions = []
                for image in clean.renditions:
                    extension = "jpg" if image.format == Rendition.Format.JPEG else image.format
                    name = storage.save(f"{stem}-{image.width}w.{extension}", ContentFile(image.content))
                    written.append(name)
                    renditions.append(Rendition(photo=photo, width=image.width, format=image.format, file=name))
                Rendition.objects.using(self.db).bulk_create(renditions)
        except BaseException:
            for name in written:
                storage.delete(name)
            raise
        return photo


class Photo(models.Model):
    image = models.ImageField(
        "사진 파일",
        upload_to="photos/%Y/%m/",
        max_length=200,
        help_text="위치·촬영 기기 정보를 지우고 바르게 세운 원본입니다.",
    )
    width = models.PositiveIntegerField("너비(px)", editable=False)
    height = models.PositiveIntegerField("높이(px)", editable=False)
    alt_text = models.CharField(
        "대체 텍스트",
        max_length=300,
        blank=True,
        help_text="사진을 볼 수 없는 독자(화면 낭독기 사용자 등)에게 읽어 줄 설명입니다. "
        "사진 속 내용을 한두 문장으로 적으세요. 입력해야 기사에 넣어 출고할 수 있습니다.",
    )
    caption = models.CharField("사진 설명", max_length=500, blank=True, help_text="사진 아래에 표시됩니다.")
    credit = models.CharField(
        "사진 출처",
        max_length=100,
        blank=True,
        help_text="'사진=' 뒤에 표시됩니다. 예: 연합뉴스, 홍길동 기자",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="올린 사람",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("올린 시각", auto_now_add=True)

    objects = PhotoManager()

    class Meta:
        verbose_name = "사진"
        verbose_name_plural = "사진"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(width__gt=0, height__gt=0), name="photos_photo_has_dimensions"),
        ]

    def __str__(self) -> str:
        label = self.alt_text or self.caption or "대체 텍스트 없음"
        return f"{label[:40]} ({self.width}×{self.height})"

    def validate_for_publication(self) -> None:
        """Raise ValidationError when the photo may not go out in a published article."""
        if not self.alt_text.strip():
            raise ValidationError("사진의 대체 텍스트를 입력해야 출고할 수 있습니다.", code="alt_text_missing")

    def set_renditions(self, renditions: list[Rendition]) -> None:
        """Give the photo its renditions as read by hand (articles.reads), in place of reading them again."""
        self._renditions = renditions

    def renditions_in(self, fmt: str) -> list[Rendition]:
        """Renditions in one format, narrowest first; uses the prefetch cache when there is one."""
        given = self.__dict__.get("_renditions")
        renditions = given if given is not None else self.renditions.all()
        return sorted((r for r in renditions if r.format == fmt), key=lambda r: r.width)

    def srcset(self, fmt: str) -> str:
        """`srcset` for one format ("webp" or "jpeg"), e.g. "/media/….webp 320w, /media/….webp 640w"."""
        return ", ".join(f"{r.file.url} {r.width}w" for r in self.renditions_in(fmt))

    def picture(self, sizes: str = "100vw") -> SafeString:
        """A <picture> of the renditions: WebP for browsers that take it, JPEG otherwise, the largest JPEG up to
        1024px (or the original) for those without srcset; its box sized before the image arrives. Written in Python,
        escaping as Django's `escape` does: as a template it cost a tenth of a cold front page's rendering."""
        webp, jpeg = self.srcset(Rendition.Format.WEBP), self.srcset(Rendition.Format.JPEG)
        source = f'<source type="image/webp" srcset="{escape(webp)}" sizes="{escape(sizes)}">' if webp else ""
        offered = f' srcset="{escape(jpeg)}" sizes="{escape(sizes)}"' if jpeg else ""
        return mark_safe(
            f'<picture>{source}<img src="{escape(self.fallback_url)}"{offered} alt="{escape(self.alt_text)}" '
            f'width="{escape(str(self.width))}" height="{escape(str(self.height))}" loading="lazy" '
            'decoding="async"></picture>'
        )

    @property
    def fallback_url(self) -> str:
        """The largest JPEG rendition up to 1024px, for browsers without srcset; the original if there is none."""
        fitting = [r for r in self.renditions_in(Rendition.Format.JPEG) if r.width <= FALLBACK_MAX_WIDTH]
        return fitting[-1].file.url if fitting else self.image.url

    @property
    def thumbnail_url(self) -> str:
        """The smallest JPEG rendition, for lists in the admin."""
        jpegs = self.renditions_in(Rendition.Format.JPEG)
        return jpegs[0].file.url if jpegs else self.image.url

    @property
    def credit_line(self) -> str:
        source = re.sub(r"^사진\s*=\s*", "", self.credit.strip())  # 사진= typed into the credit is not doubled
        return f"사진={source}" if source else ""


class Rendition(models.Model):
    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    photo = models.ForeignKey(Photo, verbose_name="사진", on_delete=models.CASCADE, related_name="renditions")
    width = models.PositiveIntegerField("너비(px)")
    format = models.CharField("형식", max_length=4, choices=Format.choices)
    file = models.FileField("파일", upload_to="photos/%Y/%m/", max_length=200)

    class Meta:
        verbose_name = "크기별 사본"
        verbose_name_plural = "크기별 사본"
        ordering = ["width", "format"]
        constraints = [
            models.UniqueConstraint(fields=["photo", "width", "format"], name="photos_rendition_unique_width_format"),
        ]

    def __str__(self) -> str:
        return f"{self.width}w {self.get_format_display()}"


@receiver(post_delete, sender=Photo)
@receiver(post_delete, sender=Rendition)
def _delete_file(sender: type[models.Model], instance: Photo | Rendition, **kwargs) -> None:
    """Remove the stored file once the row is gone for good (not when the deletion is rolled back)."""
    file = instance.image if isinstance(instance, Photo) else instance.file
    if file.name:
        name, storage = file.name, file.storage
        transaction.on_commit(lambda: storage.delete(name), using=kwargs.get("using"))


@receiver(post_save, sender=Photo, dispatch_uid="photos-photo-changed")
def _photo_changed(sender, instance: Photo, created: bool, raw: bool = False, **kwargs) -> None:
    """An edited caption or credit shows on the released articles with the photo; a new upload on none yet."""
    if not created and not raw:
        content_changed()
