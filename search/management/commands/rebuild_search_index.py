import sys
import time

from django.core.management.base import BaseCommand

from articles.models import Article
from search.models import Entry, index_articles

BATCH = 500


def rebuild(progress=None) -> int:
    """Index every article again, in batches, and drop entries whose article is gone; returns how many."""
    total = Article.objects.count()
    done = 0
    last_pk = 0
    while True:
        batch = list(Article.objects.filter(pk__gt=last_pk).order_by("pk")[:BATCH])
        if not batch:
            break
        index_articles(batch)
        done += len(batch)
        last_pk = batch[-1].pk
        if progress:
            progress(done, total)
    Entry.objects.exclude(article_id__in=Article.objects.values("pk")).delete()
    return done


class Command(BaseCommand):
    help = (
        "모든 기사의 검색 색인을 다시 만듭니다. 검색이 생기기 전의 기사를 처음 색인할 때나 색인이 의심스러울 때 "
        "씁니다. 다시 실행해도 됩니다."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--quiet", action="store_true", help="진행 막대를 보이지 않습니다.")

    def handle(self, *args, quiet: bool = False, **options) -> None:
        began = time.monotonic()
        interactive = not quiet and sys.stdout.isatty()

        def progress(done: int, total: int) -> None:
            if quiet:
                return
            share = done / total if total else 1
            bar = "#" * int(share * 30)
            line = f"[{bar:<30}] {done:,}/{total:,} ({share:.0%})"
            if interactive:
                self.stdout.write(f"\r{line}", ending="")
                self.stdout.flush()
            elif done == total or done % (BATCH * 20) == 0:
                self.stdout.write(line)

        count = rebuild(progress)
        if interactive:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"검색 색인: 기사 {count:,}건을 {time.monotonic() - began:.1f}초에 색인했습니다.")
        )
