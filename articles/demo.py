"""The demo newspaper behind `make run`: content from `demo_content`, images drawn with Pillow."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont

from photos.models import Photo

from . import roles
from .models import Article, ArticleViewCount, Banner, Byline, RelatedPick, Reporter, Section, Series

DEMO_BANNERS = [
    # (name, slot, size, link, alt text)
    ("데모 배너: 상단", Banner.Slot.SITE_TOP, (970, 90), "https://www.example.com/", "뉴스스페이스 구독 안내"),
    (
        "데모 배너: 홈 중간",
        Banner.Slot.HOME_MIDDLE,
        (970, 90),
        "https://www.example.com/",
        "뉴스스페이스 콘퍼런스 안내",
    ),
    ("데모 배너: 기사 위", Banner.Slot.ARTICLE_TOP, (728, 90), "https://www.example.com/", "뉴스레터 구독 안내"),
    ("데모 배너: 홈 오른쪽", Banner.Slot.HOME_SIDE, (300, 250), "https://www.example.com/", "모바일 앱 설치 안내"),
    ("데모 배너: 기사 옆", Banner.Slot.ARTICLE_SIDE, (300, 250), "https://www.example.com/", "AI 세미나 참가 안내"),
    ("데모 배너: 본문 중간", Banner.Slot.ARTICLE_INLINE, (640, 100), "https://www.example.com/", "독자 설문 참여 안내"),
    ("데모 배너: 기사 아래", Banner.Slot.ARTICLE_BOTTOM, (728, 90), "https://www.example.com/", "기사 제보 안내"),
]


@dataclass
class LoadSummary:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        bucket = self.created if created else self.existing
        bucket[kind] = bucket.get(kind, 0) + 1

    def __str__(self) -> str:
        kinds = ["섹션", "연재", "기자", "기사", "배너"]
        parts = [f"{kind} {self.created.get(kind, 0)}건" for kind in kinds]
        kept = sum(self.existing.values())
        return f"데모 콘텐츠: 새로 만듦 {', '.join(parts)} / 이미 있어 그대로 둠 {kept}건"


def _kst(value: str) -> datetime:
    return timezone.make_aware(datetime.strptime(value, "%Y-%m-%d %H:%M"))


def body_html(paragraphs: list[str]) -> str:
    """Paragraph strings to article HTML; a paragraph starting with `## ` is a subheading."""
    parts = []
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            parts.append(f"<h2>{escape(paragraph[3:])}</h2>")
        else:
            parts.append(f"<p>{escape(paragraph)}</p>")
    return "\n".join(parts)


def _palette(seed: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    digest = hashlib.sha256(seed.encode()).digest()
    start = (digest[0] // 3, 40 + digest[1] // 3, 90 + digest[2] // 2)
    end = (120 + digest[3] // 2, 60 + digest[4] // 3, digest[5] // 2)
    return start, end


def _gradient(size: tuple[int, int], seed: str) -> Image.Image:
    width, height = size
    start, end = _palette(seed)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for x in range(width):
        t = x / max(width - 1, 1)
        color = tuple(round(a + (b - a) * t) for a, b in zip(start, end, strict=True))
        draw.line([(x, 0), (x, height)], fill=color)
    return image


def _jpeg(image: Image.Image) -> ContentFile:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue())


def lead_image(seed: str) -> ContentFile:
    """An abstract 16:9 graphic, different for every article."""
    image = _gradient((1200, 675), seed)
    draw = ImageDraw.Draw(image, "RGBA")
    digest = hashlib.sha256(seed.encode()).digest()
    for i in range(6):
        x, y, r = digest[i * 3] * 5, digest[i * 3 + 1] * 3, 40 + digest[i * 3 + 2]
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255, 28 + i * 6))
    for i in range(0, 1200, 60):
        draw.line([(i, 675), (i + 300, 0)], fill=(255, 255, 255, 18), width=2)
    return _jpeg(image)


def banner_image(size: tuple[int, int], seed: str) -> ContentFile:
    image = _gradient(size, seed)
    draw = ImageDraw.Draw(image)
    width, height = size
    font = ImageFont.load_default(size=max(14, min(height // 4, width // 9)))
    draw.rectangle([4, 4, width - 5, height - 5], outline=(255, 255, 255), width=2)
    draw.text((width // 2, height // 2), "NEWSSPACE", fill=(255, 255, 255), font=font, anchor="mm")
    draw.text((width - 10, height - 8), "AD", fill=(255, 255, 255), font=ImageFont.load_default(size=12), anchor="rs")
    return _jpeg(image)


@transaction.atomic
def load_demo() -> LoadSummary:
    """Create whatever part of the demo newspaper is missing; what already exists is left exactly as it is."""
    from . import demo_content  # a large data module, read only when the demo is loaded

    summary = LoadSummary()
    sections = {}
    for position, data in enumerate(demo_content.SECTIONS):
        sections[data["slug"]], created = Section.objects.get_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "description": data["description"], "position": position},
        )
        summary.count("섹션", created)

    series = {}
    for data in demo_content.SERIES:
        series[data["slug"]], created = Series.objects.get_or_create(
            slug=data["slug"],
            defaults={"name": data["name"], "section": sections[data["section"]], "description": data["description"]},
        )
        summary.count("연재", created)

    reporters = {}
    for data in demo_content.REPORTERS:
        reporters[data["email"]], created = Reporter.objects.get_or_create(
            email=data["email"], defaults={"name": data["name"], "bio": data["bio"]}
        )
        summary.count("기자", created)

    articles, new_keys = {}, []
    for data in demo_content.ARTICLES:
        # Matched by headline or release time, so an editor's later change to either does not bring the
        # original back as a duplicate.
        same = Q(headline=data["headline"]) | Q(published_at=_kst(data["published_at"]))
        article = Article.objects.filter(same, section=sections[data["section"]]).first()
        created = article is None
        if created:
            article = _create_article(data, sections, series, reporters)
            new_keys.append(data["key"])
        summary.count("기사", created)
        articles[data["key"]] = article

    by_key = {data["key"]: data for data in demo_content.ARTICLES}
    for key in new_keys:
        for position, related_key in enumerate(by_key[key]["related"]):
            RelatedPick.objects.get_or_create(
                from_article=articles[key], to_article=articles[related_key], defaults={"position": position}
            )

    for name, slot, size, link, alt_text in DEMO_BANNERS:
        if Banner.objects.filter(name=name).exists():
            summary.count("배너", False)
            continue
        banner = Banner(name=name, slot=slot, link_url=link, alt_text=alt_text)
        banner.image.save(f"demo-{slot}.jpg", banner_image(size, name), save=False)
        banner.save()
        summary.count("배너", True)
    _seed_views(list(articles.values()))
    return summary


def _seed_views(articles: list[Article], now: datetime | None = None) -> None:
    """Readers for the demo's 많이 본 뉴스: views over the last week, unless the last day already has some."""
    now = now or timezone.now()
    hour = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    if ArticleViewCount.objects.filter(hour__gt=hour - timedelta(hours=24)).exists():
        return
    rows = []
    for rank, article in enumerate(articles):
        for hours_ago in range(0, 7 * 24, 6):
            # Fewer readers further down the list and further back in time; a fixed pattern, not random.
            views = max(1, (len(articles) - rank) * 7 // (1 + hours_ago // 24) - (rank * hours_ago) % 11)
            rows.append(ArticleViewCount(article=article, hour=hour - timedelta(hours=hours_ago), shard=0, views=views))
    ArticleViewCount.objects.bulk_create(rows, ignore_conflicts=True)


def _create_article(data: dict, sections: dict, series: dict, reporters: dict) -> Article:
    article = Article(
        headline=data["headline"],
        subheadline=data["subheadline"],
        summary=data["summary"],
        body=body_html(data["body"]),
        section=sections[data["section"]],
        series=series[data["series"]] if data["series"] else None,
        status=Article.Status.PUBLISHED,
        published_at=_kst(data["published_at"]),
    )
    if data["lead_image"]:
        upload = lead_image(data["key"])
        upload.name = f"{data['key']}.jpg"
        caption = data["lead_image"]["caption"]
        article.lead_photo = Photo.objects.create_from_upload(
            upload, alt_text=caption, caption=caption, credit=data["lead_image"]["credit"]
        )
    article.save()
    # A demo article reads as released at its time and never edited since.
    Article.objects.filter(pk=article.pk).update(created_at=article.published_at, updated_at=article.published_at)
    Byline.objects.bulk_create(
        Byline(article=article, reporter=reporters[email], position=position)
        for position, email in enumerate(data["reporters"])
    )
    return article


def ensure_demo_editor(username: str, password: str) -> tuple[object, bool]:
    """A staff account in the desk and admin roles; its password is set only when it is created."""
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
    if created:
        user.set_password(password)
        user.save()
    elif not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    # The desk's role, and the admin's: the demo shows every part of the newsroom, users and undelete included.
    user.groups.add(*Group.objects.filter(name__in=[roles.DESK, roles.ADMIN]))
    return user, created
