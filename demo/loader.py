"""The demo newspaper behind `make run`: content from `demo.content`, images drawn by `demo.images`.

The demo reads as today's paper whenever it is loaded: its articles are released relative to the moment of the
load (release_times), and each run moves the ones nobody has touched forward again, so that a clone loaded a week
ago looks current after the next `make run`. Whatever an editor wrote or changed is left as it is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import escape

from ads.models import Banner
from articles import roles
from articles.models import Article, Byline, RelatedPick, Reporter, Section, Series
from audience.counting import hour_of
from audience.models import ArticleViewCount
from audience.popular import WEEK
from newsroom.counters import SHARDS
from photos.models import Photo

from .images import banner_image, clean_lead_image
from .models import DemoArticle, DemoSection

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

# How old the newest demo article is when the demo is loaded.
NEWEST_AGE = timedelta(hours=1)

# The demo's readers, for 많이 본 뉴스. An article draws most of its readers in its first hours, falling off with its
# age as 1 / (1 + age / READER_FALLOFF_HOURS) ** 2, then keeps a trickle (READER_TAIL of its first hour's) from search
# and links. The articles of the last day then lead the 24-hour list, while the week's list is led by those of the
# days before, which have had all their first hours in it. No rhythm of day and night: it would make which article
# leads depend on the hour of the load.
# The demo's own views sit in a row readers never count into (their shards are 0 to SHARDS - 1): a re-stamp
# replaces them without touching a single real view. The rankings add up every shard.
DEMO_SHARD = SHARDS
READER_FALLOFF_HOURS = 4
READER_TAIL = 0.02
HEADLINE_READERS = {"meta-cro-exit": 180, "cold-wave-next-week": 150}


@dataclass
class LoadSummary:
    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)
    restamped: int = 0  # untouched demo articles moved to this run's release times
    legacy_numbers: int = 0  # 옛 섹션 번호 given to demo sections
    deleted: int = 0  # demo articles an editor deleted, not made again

    def count(self, kind: str, created: bool) -> None:
        bucket = self.created if created else self.existing
        bucket[kind] = bucket.get(kind, 0) + 1

    def __str__(self) -> str:
        kinds = ["섹션", "연재", "기자", "기사", "배너"]
        parts = [f"{kind} {self.created.get(kind, 0)}건" for kind in kinds]
        kept = sum(self.existing.values()) - self.restamped
        line = f"데모 콘텐츠: 새로 만듦 {', '.join(parts)} / 출고 시각을 지금에 맞춤 기사 {self.restamped}건"
        if self.legacy_numbers:
            line += f" / 옛 섹션 번호 지정 {self.legacy_numbers}건"
        if self.deleted:
            line += f" / 편집자가 지워 다시 만들지 않음 기사 {self.deleted}건"
        return f"{line} / 이미 있어 그대로 둠 {kept}건"


def _kst(value: str) -> datetime:
    return timezone.make_aware(datetime.strptime(value, "%Y-%m-%d %H:%M"))


def release_times(now: datetime) -> dict[str, datetime]:
    """Each demo article's release time for a load at `now`, by key.

    The times written in demo.content all move by one shift, so that the newest is NEWEST_AGE old: the order and
    the spacing stay as written (the model page's story stays the newest of 빅테크칼럼), and what the last 24 and 48
    hours hold (front page, news sitemap, 많이 본 뉴스) is the same whatever the hour of the load. Whole minutes, so
    that two loads within a minute give the same times and the second one changes nothing.
    """
    from . import content as demo_content  # a large data module, read only when the demo is loaded

    written = {data["key"]: _kst(data["published_at"]) for data in demo_content.ARTICLES}
    shift = now.replace(second=0, microsecond=0) - NEWEST_AGE - max(written.values())
    return {key: at + shift for key, at in written.items()}


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
def load_demo(now: datetime | None = None) -> LoadSummary:
    """Create whatever part of the demo newspaper is missing and re-stamp the demo articles nobody has touched.

    One transaction: a failed load leaves the database as it was. Run twice in a row, the second run changes
    nothing but the release times (and the views that follow them), and those only if a minute has passed.
    """
    from . import content as demo_content

    now = now or timezone.now()
    summary = LoadSummary()
    sections = _load_sections(demo_content.SECTIONS, summary)

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

    times = release_times(now)
    articles, created_keys = _load_articles(demo_content.ARTICLES, times, sections, series, reporters, summary)
    restamped = _restamp(articles, times, exclude=created_keys)
    summary.restamped = len(restamped)

    by_key = {data["key"]: data for data in demo_content.ARTICLES}
    for key in created_keys:
        for position, related_key in enumerate(by_key[key]["related"]):
            if related_key in articles:  # not one an editor deleted
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

    _seed_views({**{key: articles[key] for key in created_keys}, **restamped}, now)
    return summary


def _load_sections(entries: list[dict], summary: LoadSummary) -> dict[str, Section]:
    """The demo's sections by key, made where missing, each given its 옛 섹션 번호 once (DemoSection).

    A section is found by its DemoSection row, else by its slug or its name (a database loaded before the rows, or
    an editor's change to one of them), so that the demo never trips over a unique name or slug. The number goes
    only to a section that has none, and only if no other section holds it; once given, it is the editors'.
    """
    known = {entry.key: entry.section for entry in DemoSection.objects.select_related("section")}
    sections = {}
    for position, data in enumerate(entries):
        key, number = data["slug"], data["legacy_sec_no"]
        section = (
            known.get(key)
            or Section.objects.filter(slug=key).first()
            or Section.objects.filter(name=data["name"]).first()
        )
        created = section is None
        number_free = not Section.objects.filter(legacy_sec_no=number).exists()
        if created:
            section = Section.objects.create(
                slug=key,
                name=data["name"],
                description=data["description"],
                position=position,
                legacy_sec_no=number if number_free else None,
            )
            summary.legacy_numbers += 1 if number_free else 0
        elif key not in known and section.legacy_sec_no is None and number_free:
            Section.objects.filter(pk=section.pk).update(legacy_sec_no=number)
            section.legacy_sec_no = number
            summary.legacy_numbers += 1
        if key not in known:
            DemoSection.objects.create(key=key, section=section)
        summary.count("섹션", created)
        sections[key] = section
    return sections


def _load_articles(
    entries: list[dict],
    times: dict[str, datetime],
    sections: dict[str, Section],
    series: dict[str, Series],
    reporters: dict[str, Reporter],
    summary: LoadSummary,
) -> tuple[dict[str, Article], list[str]]:
    """The demo's articles by key (those an editor deleted left out), and the keys of those made in this run.

    An entry without a DemoArticle row is looked for as the loader before the rows did, by the same section and the
    same headline or the release time written in demo.content, among the articles no other entry holds; found,
    it is recorded with that time as its stamp, so that this very run re-stamps it if it is still as it was loaded.
    """
    known = {entry.key: entry for entry in DemoArticle.objects.select_related("article")}
    held = {entry.article_id for entry in known.values() if entry.article_id}
    articles, created_keys = {}, []
    for data in entries:
        key = data["key"]
        entry = known.get(key)
        if entry is not None and entry.article is None:
            summary.deleted += 1
            continue
        if entry is not None:
            articles[key] = entry.article
            summary.count("기사", False)
            continue
        written_at = _kst(data["published_at"])
        same = Q(headline=data["headline"]) | Q(published_at=written_at)
        article = (
            Article.objects.filter(same, section=sections[data["section"]]).exclude(pk__in=held).order_by("pk").first()
        )
        created = article is None
        if created:
            article = _create_article(data, times[key], sections, series, reporters)
            created_keys.append(key)
        DemoArticle.objects.create(key=key, article=article, stamped_at=article.published_at if created else written_at)
        held.add(article.pk)
        summary.count("기사", created)
        articles[key] = article
    return articles, created_keys


def _restamp(articles: dict[str, Article], times: dict[str, datetime], exclude: list[str]) -> dict[str, Article]:
    """Move the demo articles still exactly as the loader left them to this run's release times; the moved ones,
    by key.

    Untouched means: released at the time the loader gave it, created and last saved at that same moment, by
    nobody, with no end time. Any save moves `updated_at` and the admin sets `updated_by`, so an editor's article
    never matches. Each article is saved (only its two times), so that whatever follows article saves, the search
    index among them, follows this too; `updated_at` is then set back to the release time, so that the article reads
    as never revised. The rows are locked while they are checked, so that an editor's save cannot slip in between.
    """
    wanted = {article.pk: key for key, article in articles.items() if key not in exclude}
    candidates = Article.objects.select_for_update(of=("self",)).filter(
        pk__in=wanted,
        status=Article.Status.PUBLISHED,
        created_by=None,
        updated_by=None,
        ends_at=None,
        published_at=F("demo_entry__stamped_at"),
        created_at=F("demo_entry__stamped_at"),
        updated_at=F("demo_entry__stamped_at"),
    )
    moved = []
    for article in candidates.order_by("pk"):
        at = times[wanted[article.pk]]
        if article.published_at == at:
            continue
        article.published_at = article.created_at = at
        article.save(update_fields=["published_at", "created_at"])
        moved.append(article)
    if moved:
        Article.objects.filter(pk__in=[article.pk for article in moved]).update(updated_at=F("published_at"))
        entries = list(DemoArticle.objects.filter(article__in=moved))
        for entry in entries:
            entry.stamped_at = times[entry.key]
        DemoArticle.objects.bulk_update(entries, ["stamped_at"])
        for article in moved:
            article.updated_at = article.published_at
            articles[wanted[article.pk]] = article
    return {wanted[article.pk]: article for article in moved}


def _appeal(key: str) -> int:
    """An article's readers in its first hour: the model page's story and the day's weather story draw the most
    (HEADLINE_READERS), the others 40 to 120, fixed per article."""
    return HEADLINE_READERS.get(key, 40 + hashlib.sha256(key.encode()).digest()[0] * 80 // 255)


def _seed_views(articles: dict[str, Article], now: datetime) -> None:
    """Readers of the last week for 많이 본 뉴스, for articles made or re-stamped in this run.

    Their old demo views (DEMO_SHARD, where only the loader puts them) no longer fit their new release times and
    are replaced; readers' views, and every other article's, are never touched. Views go only in hours that begin
    after the article's release, the hour now running in proportion to its minutes gone by.
    """
    if not articles:
        return
    ArticleViewCount.objects.filter(article__in=articles.values(), shard=DEMO_SHARD).delete()
    rows = [
        ArticleViewCount(article=article, hour=hour, shard=DEMO_SHARD, views=views)
        for key, article in articles.items()
        for hour, views in demo_views(key, article.published_at, now)
    ]
    ArticleViewCount.objects.bulk_create(rows, ignore_conflicts=True)


def demo_views(key: str, published_at: datetime, now: datetime) -> list[tuple[datetime, int]]:
    """(hour, views) of the demo article `key` released at `published_at`, for the week up to `now`: the hours
    that begin after its release, the hour now running in proportion to its minutes gone by; none with no views."""
    appeal, current, found = _appeal(key), hour_of(now), []
    for hours_ago in range(WEEK + 1):  # the longest ranking, and the hour now running
        hour = current - timedelta(hours=hours_ago)
        if hour < published_at:
            break
        gone_by = min((now - hour) / timedelta(hours=1), 1)
        age = (hour - published_at) / timedelta(hours=1) + gone_by / 2
        views = round(appeal * gone_by * (1 / (1 + age / READER_FALLOFF_HOURS) ** 2 + READER_TAIL))
        if views:
            found.append((hour, views))
    return found


def _create_article(data: dict, published_at: datetime, sections: dict, series: dict, reporters: dict) -> Article:
    article = Article(
        headline=data["headline"],
        subheadline=data["subheadline"],
        summary=data["summary"],
        body=body_html(data["body"]),
        section=sections[data["section"]],
        series=series[data["series"]] if data["series"] else None,
        status=Article.Status.PUBLISHED,
        published_at=published_at,
    )
    if data["lead_image"]:
        caption = data["lead_image"]["caption"]
        article.lead_photo = Photo.objects.create_from_clean(
            clean_lead_image(data["key"]), alt_text=caption, caption=caption, credit=data["lead_image"]["credit"]
        )
    article.save()
    # A demo article reads as released at its time and never edited since; this is also what marks it untouched.
    Article.objects.filter(pk=article.pk).update(created_at=article.published_at, updated_at=article.published_at)
    article.created_at = article.updated_at = article.published_at
    # One by one, not bulk_create: a byline's save is what gives the search entry its reporter (search.signals).
    for position, email in enumerate(data["reporters"]):
        Byline.objects.create(article=article, reporter=reporters[email], position=position)
    # Its first entry in the history, bylines and all, as an editor's first save would make: the desk can then
    # restore a demo article it deleted (되살리기), as any other.
    with reversion.create_revision():
        reversion.set_comment("데모 기사를 불러옴")
        reversion.add_to_revision(article)
    return article


def ensure_demo_editor(username: str, password: str) -> tuple[object, bool]:
    """A staff account in the desk and admin roles; its password is set only when it is created."""
    User = get_user_model()
    # A name to be greeted and named in the history by (데모편집자), as every account in a newsroom has.
    names = {"is_staff": True, "last_name": "데모", "first_name": "편집자"}
    user, created = User.objects.get_or_create(username=username, defaults=names)
    if not (user.first_name or user.last_name):
        User.objects.filter(pk=user.pk).update(last_name=names["last_name"], first_name=names["first_name"])
    if created:
        user.set_password(password)
        user.save()
    elif not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    # The desk's role, and the admin's: the demo shows every part of the newsroom, users and undelete included.
    user.groups.add(*Group.objects.filter(name__in=[roles.DESK, roles.ADMIN]))
    return user, created
