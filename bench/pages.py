"""Page latency as the archive grows: fills scratch PostgreSQL databases, then times every public page cold.

    createdb -h 127.0.0.1 -U postgres newsroom_bench_10k
    createdb -h 127.0.0.1 -U postgres newsroom_bench_1m
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_10k .venv/bin/python bench/pages.py \\
        --articles 10000 --fill-only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_1m nice -n 10 .venv/bin/python bench/pages.py \\
        --articles 1000000 --fill-only
    .venv/bin/python bench/pages.py --compare postgres://postgres@127.0.0.1:5432/newsroom_bench_10k \\
        postgres://postgres@127.0.0.1:5432/newsroom_bench_1m --explain docs/performance.md

The fill refuses a database that already holds articles, so it never touches real data. Articles are shaped like
those of ../shared/peers/: 10 sections, 50 reporters (a second byline on 15%), 5 series (a quarter of articles), a
lead photo on 80%, bodies of about 2,700 characters of Korean news text (bench/search.py's writer), 5 related picks
in the same section, 1,370 releases a day (1,000,000 articles span two years, 10,000 a week), a day of views for
많이 본 뉴스, the demo's weather readings and a banner per slot; 1% drafts, 1% withdrawn. A pool of texts is written
in Python once; PostgreSQL then makes the rows with INSERT … SELECT generate_series, 100,000 per transaction, and
the search index entries from the pool's own terms and the bylines' reporter facets (exactly what index_articles
writes: the fill checks a sample). `--add-reporter-facets` gives them to the entries of a database filled before
entries held them.
The search index's GIN indexes are built after the load, as after any bulk import.

--compare starts one worker process per database and times the pages alternately, request by request, so that a
noisy machine hurts both alike. Every request is a cold render: the page cache is off (PAGE_CACHE=off) and the
cache is cleared before it, except the entries background work keeps filled (the 많이 본 뉴스 rankings, the weather
strip), which are put back. Prints p50/p95 per page and database and the p95 ratio; --explain FILE writes each
page's queries at the last database with their EXPLAIN ANALYZE (top of the plan, timing) between the markers
`<!-- pages-explain:start -->` and `<!-- pages-explain:end -->` in FILE.
"""

import argparse
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The project, not this folder, whose scripts' names (http.py) would hide the standard library's modules.
sys.path[:] = [str(ROOT)] + [entry for entry in sys.path if Path(entry or ".").resolve() != ROOT / "bench"]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ["PAGE_CACHE"] = "off"  # cold renders: the page cache must not answer

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache, caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from ads.models import Banner  # noqa: E402
from articles.models import Article, Byline, Reporter, Section, Series  # noqa: E402
from audience.popular import DAY, WEEK  # noqa: E402
from demo.images import banner_image, lead_image  # noqa: E402
from demo.loader import DEMO_BANNERS  # noqa: E402
from demo.weather import load_demo_weather  # noqa: E402
from photos.models import Photo  # noqa: E402
from search.models import FORMAT, Entry, entry_values, facets, lexemes, set_index_format  # noqa: E402

SECTIONS = [
    ("정치", "politics"),
    ("경제", "economy"),
    ("사회", "society"),
    ("국제", "world"),
    ("IT", "it"),
    ("문화", "culture"),
    ("산업", "economy"),
    ("과학", "it"),
    ("지역", "society"),
    ("스포츠", "culture"),
]
REPORTERS = 50
SERIES = 5
PHOTOS = 12
POOL_PER_SECTION = 300  # texts per section: articles share them, each with its own id, date and byline
BATCH = 100_000
# Releases a day, as 1,000,000 articles over two years: a smaller archive is a shorter one, so that a day, the last
# 48 hours and the rankings hold as many articles at every size and only the archive grows.
PER_DAY = 1_370
SEARCH_WORD = "서울"  # in most articles: the admin's search for it must not count them all
MARK_START, MARK_END = "<!-- pages-explain:start -->", "<!-- pages-explain:end -->"


def _writer():
    """bench/search.py's Korean news writer (a script, not a package: loaded from its file)."""
    spec = importlib.util.spec_from_file_location("bench_search_text", ROOT / "bench" / "search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------------------------------------------------------
# Filling.


def write_pool(section_keys: list[str]) -> list[tuple]:
    """(section index, text index, headline, subheadline, summary, body, headline terms, document lexemes)."""
    text = _writer()
    rng = random.Random(20261202)
    pool = []
    for s, key in enumerate(section_keys):
        for i in range(POOL_PER_SECTION):
            writer = text.Writer(rng, key, 2026)
            headline = writer.headline()
            subheadline = writer.headline() if rng.random() < 0.3 else ""
            summary = writer.sentence()
            sentences, length, target = [], 0, rng.randint(2400, 3000)
            while length < target:
                sentences.append(writer.sentence())
                length += len(sentences[-1]) + 1
            body = "".join(f"<p>{' '.join(sentences[start : start + 3])}</p>" for start in range(0, len(sentences), 3))
            values = entry_values(Article(headline=headline, subheadline=subheadline, summary=summary, body=body))
            pool.append(
                (s, i, headline, subheadline, summary, body, values["headline_document"], lexemes(values["document"]))
            )
    return pool


def _hash(column: str, salt: int) -> str:
    """A well-spread non-negative integer from an id, in SQL, a different one for each salt."""
    return f"(hashint8({column}::bigint * 16 + {salt})::bigint + 2147483648)"


def fill(count: int) -> None:
    began = time.perf_counter()
    sections = [
        Section.objects.create(name=name, slug=f"bench-{i}", position=i) for i, (name, _) in enumerate(SECTIONS)
    ]
    series = [
        Series.objects.create(name=f"기획 연재 {i + 1}", slug=f"bench-series-{i}", section=sections[i])
        for i in range(SERIES)
    ]
    reporters = Reporter.objects.bulk_create(
        Reporter(name=f"기자{i:02}", email=f"reporter{i}@bench.test") for i in range(REPORTERS)
    )
    photos = []
    for i in range(PHOTOS):
        upload = lead_image(f"bench-{i}")
        upload.name = f"bench-{i}.jpg"
        photos.append(Photo.objects.create_from_upload(upload, alt_text=f"대표 사진 {i}", caption=f"사진 설명 {i}"))
    load_demo_weather()
    for name, slot, size, link, alt in DEMO_BANNERS:
        banner = Banner(name=name, slot=slot, link_url=link, alt_text=alt)
        banner.image.save(f"bench-{slot}.jpg", banner_image(size, name), save=False)
        banner.save()
    pool = write_pool([key for _, key in SECTIONS])
    print(f"  setup and {len(pool):,} texts: {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)

    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute(
            "CREATE UNLOGGED TABLE bench_pool (s int, i int, headline text, subheadline text, summary text, body text,"
            " headline_terms text, lexemes text[], PRIMARY KEY (s, i))"
        )
        with cursor.copy("COPY bench_pool FROM STDIN") as copy:
            for row in pool:
                copy.write_row(row)
        # The GIN indexes are built once at the end, as after any bulk import: far faster than entry by entry.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_entry' AND indexdef LIKE '%gin%'"
        )
        gin = cursor.fetchall()
        for name, _ in gin:
            cursor.execute(f'DROP INDEX "{name}"')

    now = timezone.now().replace(second=0, microsecond=0)
    span = timedelta(days=count / PER_DAY)
    start = now - span
    section_ids = "ARRAY[" + ",".join(str(s.pk) for s in sections) + "]::bigint[]"
    series_ids = "ARRAY[" + ",".join(str(s.pk) for s in series) + "]::bigint[]"
    reporter_ids = "ARRAY[" + ",".join(str(r.pk) for r in reporters) + "]::bigint[]"
    photo_ids = "ARRAY[" + ",".join(str(p.pk) for p in photos) + "]::bigint[]"
    s, t, v = f"mod({_hash('g', 1)}, 10)", _hash("g", 2), f"mod({_hash('g', 3)}, 100)"
    ph, se, ph2 = _hash("a.g", 4), _hash("a.g", 7), _hash("a.g", 8)
    # Newest last; within ±30 minutes of an even spread, so ids and dates run together as in a real archive.
    when = (
        f"%(start)s::timestamptz + %(span)s::interval * ((g - 0.5) / %(count)s) - interval '1 second' * mod({t}, 1800)"
    )
    article_sql = f"""
        INSERT INTO articles_article (id, headline, subheadline, summary, body, status, published_at, created_at,
            updated_at, section_id, series_id, lead_photo_id, ends_at, review_note, video_youtube_id)
        SELECT a.g, p.headline, p.subheadline, p.summary, p.body,
            CASE WHEN a.v = 0 THEN 'draft' WHEN a.v = 1 THEN 'withdrawn' ELSE 'published' END,
            CASE WHEN a.v = 0 THEN NULL ELSE a.w END, a.w, a.w,
            ({section_ids})[a.s + 1],
            CASE WHEN a.s < {SERIES} AND mod({se}, 2) = 0 THEN ({series_ids})[a.s + 1] END,
            CASE WHEN mod({ph2}, 10) < 8 THEN ({photo_ids})[1 + mod({ph}, {PHOTOS})] END,
            NULL, '', ''
        FROM (SELECT g, {s} AS s, {t} AS t, {v} AS v, {when} AS w FROM generate_series(%(first)s, %(last)s) g) a
        JOIN bench_pool p ON p.s = a.s AND p.i = mod(a.t, {POOL_PER_SECTION})
    """
    # Series: sections 0-4 hold one each, and half their articles are in it (20% of all).
    byline_sql = f"""
        INSERT INTO articles_byline (article_id, reporter_id, position)
        SELECT g, ({reporter_ids})[1 + mod({_hash("g", 4)}, {REPORTERS})], 0 FROM generate_series(%(first)s, %(last)s) g
        UNION ALL
        SELECT g, ({reporter_ids})[1 + mod(mod({_hash("g", 4)}, {REPORTERS}) + 1
            + mod({_hash("g", 5)}, {REPORTERS - 1}), {REPORTERS})], 1
        FROM generate_series(%(first)s, %(last)s) g WHERE mod({_hash("g", 6)}, 100) < 15
    """
    entry_sql = f"""
        INSERT INTO search_entry (article_id, status, published_at, ends_at, section_id, series_id,
            headline_document, document)
        SELECT a.id, a.status, a.published_at, a.ends_at, a.section_id, a.series_id,
            to_tsvector('simple', p.headline_terms),
            array_to_tsvector(p.lexemes || array_remove(ARRAY['@s' || a.section_id, '@r' || a.series_id,
                '@m' || to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM')], NULL)
                || ARRAY(SELECT '@p' || b.reporter_id FROM articles_byline b WHERE b.article_id = a.id)
                || ARRAY(SELECT '@p' || b.reporter_id || 'm' || to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM')
                    FROM articles_byline b WHERE b.article_id = a.id AND a.published_at IS NOT NULL))
        FROM articles_article a
        JOIN bench_pool p ON p.s = mod({_hash("a.id", 1)}, 10) AND p.i = mod({_hash("a.id", 2)}, {POOL_PER_SECTION})
        WHERE a.id BETWEEN %(first)s AND %(last)s
    """
    params = {"start": start, "span": span, "count": count}
    for first in range(1, count + 1, BATCH):
        last = min(first + BATCH - 1, count)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            for sql in (article_sql, byline_sql, entry_sql):
                cursor.execute(sql, params | {"first": first, "last": last})
        elapsed = time.perf_counter() - began
        print(f"  {last:,} articles, {elapsed:.0f} s", file=sys.stderr, flush=True)

    with connection.cursor() as cursor:
        # Five picks each among the articles of its section before it, as a desk picks earlier stories.
        cursor.execute(
            "INSERT INTO articles_relatedpick (from_article_id, to_article_id, position) "
            "SELECT id, picked, position - 1 FROM (SELECT id, ARRAY[lag(id, 3) OVER w, lag(id, 11) OVER w, "
            "lag(id, 29) OVER w, lag(id, 70) OVER w, lag(id, 160) OVER w] AS picks FROM articles_article "
            "WINDOW w AS (PARTITION BY section_id ORDER BY id)) a, "
            "unnest(picks) WITH ORDINALITY AS u(picked, position) WHERE picked IS NOT NULL"
        )
        # A day of readers: 300 of the newest 2,000 articles, every third hour.
        hour = now.astimezone(UTC).replace(minute=0)
        cursor.execute(
            "INSERT INTO articles_articleviewcount (article_id, hour, shard, views) "
            "SELECT id, %s - interval '1 hour' * h, 0, 1 + mod(id * 7919 + h * 104729, 500) "
            "FROM (SELECT id FROM articles_article WHERE status = 'published' ORDER BY id DESC LIMIT 2000) a, "
            "generate_series(0, 21, 3) h WHERE mod(id, 7) = 0",
            [hour],
        )
        for table in ("articles_article", "articles_byline", "articles_relatedpick"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cursor.execute("DROP TABLE bench_pool")
    build_indexes(gin)
    for table in ("articles_article", "articles_byline", "articles_relatedpick", "search_entry"):
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {table}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    check_entries()
    get_user_model().objects.create_superuser("bench", "bench@bench.test", "bench-password")


def build_indexes(definitions: list[tuple[str, str]]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for name, definition in definitions:
            built = time.perf_counter()
            cursor.execute(definition)
            print(f"  {name} built in {time.perf_counter() - built:.0f} s", file=sys.stderr, flush=True)
        cursor.execute("RESET maintenance_work_mem")


def add_reporter_facets() -> None:
    """Give the entries of a database filled before they held reporter facets those of their bylines, as a fill
    now writes them: one UPDATE with the GIN indexes dropped, the table rewritten compact (VACUUM FULL, as a fresh
    fill leaves it) and the GIN indexes built again; then the index is recorded as holding the current format.
    11 minutes at a million (the GIN index of `document` half of it)."""
    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_entry' AND indexdef LIKE '%gin%'"
        )
        gin = cursor.fetchall()
        for name, _ in gin:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET synchronous_commit = off")
        # The fill's entries hold no reporter facet yet; `||` of one they already hold changes nothing.
        cursor.execute(
            "UPDATE search_entry e SET document = document || array_to_tsvector(ARRAY(SELECT '@p' || b.reporter_id "
            "FROM articles_byline b WHERE b.article_id = e.article_id) || ARRAY(SELECT '@p' || b.reporter_id || 'm' "
            "|| to_char(e.published_at AT TIME ZONE 'UTC', 'YYYY-MM') FROM articles_byline b "
            "WHERE b.article_id = e.article_id AND e.published_at IS NOT NULL))"
        )
        print(f"  entries written: {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
        cursor.execute("VACUUM FULL search_entry")
        print(f"  table rewritten: {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True)
    build_indexes(gin)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_entry")
    set_index_format(FORMAT)
    check_entries()
    print(f"PostgreSQL: reporter facets added in {time.perf_counter() - began:.0f} s")


def check_entries(sample: int = 20) -> None:
    """The entries the fill wrote hold what index_articles would write for those articles."""
    picked = random.Random(sample).sample(range(1, Article.objects.count() + 1), sample)
    reporters = {pk: [] for pk in picked}
    bylines = Byline.objects.filter(article_id__in=picked)
    for article_id, reporter_id in bylines.values_list("article_id", "reporter_id"):
        reporters[article_id].append(reporter_id)
    for article in Article.objects.filter(pk__in=picked):
        values = entry_values(article)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT document = array_to_tsvector(%s::text[]) AND headline_document = to_tsvector('simple', %s) "
                "AND status = %s AND published_at IS NOT DISTINCT FROM %s AND section_id = %s "
                "AND series_id IS NOT DISTINCT FROM %s FROM search_entry WHERE article_id = %s",
                [
                    lexemes(values["document"])
                    + facets(article.section_id, article.series_id, article.published_at, reporters[article.pk]),
                    values["headline_document"],
                    article.status,
                    article.published_at,
                    article.section_id,
                    article.series_id,
                    article.pk,
                ],
            )
            assert cursor.fetchone() == (True,), f"article {article.pk}: its entry differs from index_articles"
    assert Entry.objects.count() == Article.objects.count()


# ---------------------------------------------------------------------------------------------------------------
# Measuring: each database has a worker process; the parent sends it one command per line and reads one answer.

BACKGROUND_KEYS = [f"popular:{hours}" for hours in (DAY, WEEK)]


def _weather_key() -> str | None:
    from weather import models as weather

    return getattr(weather, "STRIP_CACHE_KEY", None)


def pages() -> dict[str, str]:
    """Every public page, on this database's own rows (the same choice on each database)."""
    visible = Article.objects.published()
    article = visible.filter(related_picks__isnull=False, series__isnull=False).order_by("-published_at").first()
    section = Section.objects.get(slug="bench-0")
    series = Series.objects.get(slug="bench-series-0")
    reporter = Reporter.objects.order_by("pk").first()
    day = timezone.localdate() - timedelta(days=1)
    return {
        "home": "/",
        "article (picks, series)": article.get_absolute_url(),
        "article's related list": f"{article.get_absolute_url()}related/",
        "section, page 1": section.get_absolute_url(),
        "section, page 40": f"{section.get_absolute_url()}?page=40",
        "series, page 1": series.get_absolute_url(),
        "reporter, page 1": reporter.get_absolute_url(),
        "date archive (yesterday)": f"/date/{day:%Y/%m/%d}/",
        "많이 본 뉴스 /popular/": "/popular/",
        f"search ?q={SEARCH_WORD}": f"/search/?q={SEARCH_WORD}",
        "search ?q=반도체": "/search/?q=반도체",
        "search ?q=정부&reporter=…": f"/search/?q=정부&reporter={reporter.pk}",
        "RSS /rss/": "/rss/",
        "RSS of a section": f"/rss/sections/{section.slug}/",
        "sitemap index": "/sitemap.xml",
        "news sitemap": "/sitemap-news.xml",
        f"admin: articles ?q={SEARCH_WORD}": f"/admin/articles/article/?q={SEARCH_WORD}",
    }


class Worker:
    """Serves one database: times a cold request, or explains its queries."""

    def __init__(self) -> None:
        self.reader = Client(HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36")
        self.editor = Client()
        self.editor.force_login(get_user_model().objects.get(username="bench"))
        self.kept: dict = {}

    def client(self, url: str) -> Client:
        return self.editor if url.startswith("/admin/") else self.reader

    def warm(self, urls: list[str]) -> None:
        for url in urls:
            assert self.client(url).get(url).status_code == 200, url
        keys = [*BACKGROUND_KEYS, *filter(None, [_weather_key()])]
        self.kept = cache.get_many(keys)

    def cold(self) -> None:
        """An empty cache, but for what a background job keeps filled (rankings stamped fresh)."""
        for each in caches.all():
            each.clear()
        kept = {
            key: ({**value, "at": time.time()} if key in BACKGROUND_KEYS else value) for key, value in self.kept.items()
        }
        cache.set_many(kept)

    def time(self, url: str) -> dict:
        self.cold()
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            response = self.client(url).get(url)
            elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return {"ms": elapsed, "queries": len(queries)}

    def explain(self, url: str) -> list[dict]:
        self.cold()
        with CaptureQueriesContext(connection) as queries:
            self.client(url).get(url)
        explained = []
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.lstrip("( ").upper().startswith(("SELECT", "WITH")):
                continue
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}")
                plan = [row[0] for row in cursor.fetchall()]
            explained.append({"sql": sql, "plan": plan})
        return explained


def serve() -> None:
    worker = Worker()
    for line in sys.stdin:
        command = json.loads(line)
        if command["do"] == "pages":
            answer = {"pages": pages(), "articles": Article.objects.count()}
        elif command["do"] == "warm":
            worker.warm(command["urls"])
            answer = {}
        elif command["do"] == "time":
            answer = worker.time(command["url"])
        else:
            answer = {"explained": worker.explain(command["url"])}
        print(json.dumps(answer), flush=True)


class Remote:
    def __init__(self, database_url: str) -> None:
        environment = {**os.environ, "DATABASE_URL": database_url}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=environment,
            text=True,
        )

    def ask(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def p50_p95(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)]


def compare(urls: list[str], requests: int, explain: str | None, only: list[str] | None = None) -> None:
    remotes = [Remote(url) for url in urls]
    found = [remote.ask(do="pages") for remote in remotes]
    names = [name for name in found[0]["pages"] if not only or any(word in name for word in only)]
    for answer in found:
        answer["pages"] = {name: answer["pages"][name] for name in names}
    for remote, answer in zip(remotes, found, strict=True):
        remote.ask(do="warm", urls=list(answer["pages"].values()))
    timings = {(name, i): [] for name in names for i in range(len(remotes))}
    queries = {}
    for round_ in range(requests):
        for name in names:
            order = range(len(remotes)) if round_ % 2 == 0 else reversed(range(len(remotes)))
            for i in order:
                answer = remotes[i].ask(do="time", url=found[i]["pages"][name])
                timings[name, i].append(answer["ms"])
                queries[name, i] = answer["queries"]
    sizes = [f"{answer['articles']:,}" for answer in found]
    if requests:  # --requests 0 with --explain: the plans only
        print_table(names, sizes, timings, queries, requests)
    if explain:
        write_explain(Path(explain), remotes[-1], found[-1], names)
    for remote in remotes:
        remote.close()


def print_table(names: list[str], sizes: list[str], timings: dict, queries: dict, requests: int) -> None:
    print(f"PostgreSQL, {' and '.join(sizes)} articles, {requests} cold requests per page and database, alternately")
    header = " | ".join(f"{size}: p50 / p95 ms (queries)" for size in sizes)
    print(f"\n| page | {header} | p50 ratio | p95 ratio |")
    print("| --- |" + " ---: |" * (len(sizes) + 2))
    for name in names:
        cells = []
        for i in range(len(sizes)):
            p50, p95 = p50_p95(timings[name, i])
            cells.append(f"{p50:.1f} / {p95:.1f} ({queries[name, i]})")
        last, first = p50_p95(timings[name, len(sizes) - 1]), p50_p95(timings[name, 0])
        print(f"| {name} | {' | '.join(cells)} | {last[0] / first[0]:.2f} | {last[1] / first[1]:.2f} |")


def _plan_summary(plan: list[str]) -> tuple[str, str]:
    """The plan's top node and the scans under it (`Limit › Index Scan using … on …`), and the execution time."""
    nodes = [line.strip().removeprefix("->").split("  (cost=")[0].strip() for line in plan if "(cost=" in line]
    scans = [node for node in nodes[1:] if "Scan" in node]
    shown = [nodes[0], *dict.fromkeys(scans[:3])] if nodes else []
    timing = next((line.split(": ", 1)[1] for line in plan if line.startswith("Execution Time")), "")
    return " › ".join(shown), timing


def write_explain(path: Path, remote: Remote, found: dict, names: list[str]) -> None:
    lines = [
        MARK_START,
        "",
        f"Every page's queries at {found['articles']:,} articles, cold, with `EXPLAIN ANALYZE` (written by "
        "`bench/pages.py --explain`): the statement's start, the plan's top node and its scans, the execution time.",
        "",
    ]
    for name in names:
        explained = remote.ask(do="explain", url=found["pages"][name])["explained"]
        lines += [f"<details><summary>{name}: {len(explained)} queries</summary>", ""]
        lines += ["| # | statement | plan | time |", "| ---: | --- | --- | ---: |"]
        for number, query in enumerate(explained, 1):
            sql = " ".join(query["sql"].split())
            sql = (sql[:110] + "…" if len(sql) > 110 else sql).replace("|", "\\|")
            plan, timing = _plan_summary(query["plan"])
            plan = plan.replace("|", "\\|")
            lines.append(f"| {number} | `{sql}` | {plan} | {timing} |")
        lines += ["", "</details>", ""]
    lines.append(MARK_END)
    text = path.read_text()
    before, marked, after = text.partition(MARK_START)
    if marked:
        after = after.partition(MARK_END)[2]
        text = before + "\n".join(lines) + after
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    path.write_text(text)
    print(f"\nEXPLAIN ANALYZE of every page's queries written to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="fill the empty DATABASE_URL with this many")
    parser.add_argument("--fill-only", action="store_true", help="fill, and time nothing")
    parser.add_argument("--requests", type=int, default=30, help="cold requests per page and database")
    parser.add_argument("--compare", nargs="+", metavar="DATABASE_URL", help="time databases filled before")
    parser.add_argument("--explain", metavar="FILE", help="with --compare: write EXPLAIN ANALYZE of the last one")
    parser.add_argument(
        "--pages", nargs="+", metavar="WORD", help="with --compare: only the pages whose name holds one of these words"
    )
    parser.add_argument(
        "--add-reporter-facets",
        action="store_true",
        help="give the entries of DATABASE_URL, filled before they held reporter facets, those of their bylines",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.serve:
        serve()
        return
    if options.compare:
        compare(options.compare, options.requests, options.explain, options.pages)
        return
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to an empty scratch PostgreSQL database.")
    if options.add_reporter_facets:
        add_reporter_facets()
        return
    call_command("migrate", verbosity=0)
    if Article.objects.exists():
        sys.exit("This database already holds articles: use an empty scratch database (or --compare).")
    began = time.perf_counter()
    fill(options.articles)
    print(f"PostgreSQL, {options.articles:,} articles, filled in {time.perf_counter() - began:.0f} s")
    if not options.fill_only:
        compare([os.environ["DATABASE_URL"]], options.requests, options.explain)


if __name__ == "__main__":
    main()
