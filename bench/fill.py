"""Fill an empty scratch database with articles shaped like the Wagtail peer's (../shared/peers/wagtail_news):
10 sections, 5 series, 50 reporters (one byline each), 12 lead photos (with their renditions on disk) on 80% of the
articles, ~2,700-character Korean bodies over two years, 5 related picks from the same section, the 16 weather
readings, one banner per slot and a day of views for 많이 본 뉴스. The text comes from the peer's phrase pools
(`korean.py`), so both sites serve pages of the same size.

    createdb -h 127.0.0.1 -U postgres newsroom_http_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_http_bench MEDIA_ROOT=/tmp/newsroom-http-bench/media \
        .venv/bin/python bench/fill.py --articles 10000

bench/http.py runs it for you on an empty database.
"""

import argparse
import os
import random
import sys
import time
from datetime import UTC, timedelta
from pathlib import Path

# Run as a script, this file's folder comes first on the path, where bench/http.py would shadow the standard `http`.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parent.parent
PEERS = Path(os.environ.get("PEERS_DIR", ROOT.parent / "shared" / "peers"))


def fill(count: int, seed: int = 20240601) -> None:
    sys.path.insert(0, str(PEERS))
    import korean
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from ads.models import Banner
    from articles.html import sanitize_body
    from articles.models import Article, Byline, RelatedPick, Reporter, Section, Series
    from audience.models import ArticleViewCount
    from demo.images import banner_image, lead_image
    from demo.loader import DEMO_BANNERS
    from demo.weather import load_demo_weather
    from photos.models import Photo

    rng = random.Random(seed)
    started = time.time()
    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        raise SystemExit("The database already holds articles: fill an empty one.")
    sections = [
        Section.objects.create(name=name, slug=slug, position=i) for i, (name, slug) in enumerate(korean.SECTIONS[:10])
    ]
    series = [
        Series.objects.create(name=name, slug=f"col-{i}", section=sections[i % 10])
        for i, name in enumerate(korean.COLUMNS[:5])
    ]
    names: set[str] = set()
    reporters = []
    while len(reporters) < 50:
        name = korean.person_name(rng)
        if name not in names:
            names.add(name)
            reporters.append(Reporter(name=name, email=f"r{len(reporters)}@perf.test"))
    reporters = Reporter.objects.bulk_create(reporters)
    photos = []
    for i in range(12):
        upload = lead_image(f"perf-{i}")
        upload.name = f"perf-{i}.jpg"
        photos.append(
            Photo.objects.create_from_upload(
                upload, alt_text=f"대표 사진 {i}", caption=f"사진 설명 {i}", credit="뉴스스페이스"
            )
        )
    load_demo_weather()
    for name, slot, size, link, alt in DEMO_BANNERS:
        banner = Banner(name=name, slot=slot, link_url=link, alt_text=alt)
        banner.image.save(f"demo-{slot}.jpg", banner_image(size, name), save=False)
        banner.save()
    now = timezone.now()
    made = 0
    while made < count:
        batch = []
        for _ in range(min(1000, count - made)):
            batch.append(
                Article(
                    headline=korean.headline(rng),
                    summary=korean.intro(rng),
                    body=sanitize_body(korean.body_html(rng, 2500)),
                    section=sections[rng.randrange(10)],
                    series=series[rng.randrange(5)] if rng.random() < 0.2 else None,
                    lead_photo=photos[rng.randrange(12)] if rng.random() < 0.8 else None,
                    status=Article.Status.PUBLISHED,
                    published_at=now - timedelta(days=730, seconds=-rng.randrange(730 * 86400 - 3600)),
                )
            )
        batch = Article.objects.bulk_create(batch)
        Byline.objects.bulk_create(
            Byline(article=article, reporter=reporters[rng.randrange(50)], position=0) for article in batch
        )
        made += len(batch)
        print(f"  {made} articles, {time.time() - started:.0f}s", flush=True)
    by_section: dict[int, list[int]] = {}
    for pk, section_id in Article.objects.values_list("pk", "section_id"):
        by_section.setdefault(section_id, []).append(pk)
    picks = [
        RelatedPick(from_article_id=pk, to_article_id=other, position=position)
        for pks in by_section.values()
        for pk in pks
        for position, other in enumerate([x for x in rng.sample(pks, 6) if x != pk][:5])
    ]
    RelatedPick.objects.bulk_create(picks, batch_size=5000, ignore_conflicts=True)
    hour = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    ids = list(Article.objects.values_list("pk", flat=True))
    ArticleViewCount.objects.bulk_create(
        (
            ArticleViewCount(article_id=pk, hour=hour - timedelta(hours=h), shard=0, views=rng.randint(1, 500))
            for pk in rng.sample(ids, 300)
            for h in range(0, 24, 3)
        ),
        ignore_conflicts=True,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"done: {Article.objects.count()} articles, {len(picks)} picks, {time.time() - started:.0f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    fill(args.articles)


if __name__ == "__main__":
    main()
