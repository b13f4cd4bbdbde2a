"""The demo newspaper behind `make run`: content from `demo.content`, images drawn by `demo.images`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape

from ads.models import Banner
from articles import roles
from articles.models import Article, Byline, RelatedPick, Reporter, Section, Series
from audience.models import ArticleViewCount
from photos.models import Photo

from .images import banner_image, lead_image

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


@transaction.atomic
def load_demo() -> LoadSummary:
    """Create whatever part of the demo newspaper is missing; what already exists is left exactly as it is."""
    from . import content as demo_content  # a large data module, read only when the demo is loaded

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
