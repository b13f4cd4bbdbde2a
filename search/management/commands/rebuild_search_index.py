import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search.models import REBUILD_BATCH, rebuild_index
from search.tasks import rebuild_search_index


class Command(BaseCommand):
    help = (
        "모든 기사의 검색 색인을 다시 만듭니다. 검색이 생기기 전의 기사를 처음 색인할 때나 색인이 의심스러울 때 "
        "씁니다. 다시 실행해도 됩니다."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--quiet", action="store_true", help="진행 막대를 보이지 않습니다.")
        parser.add_argument(
            "--background",
            action="store_true",
            help="작업(Celery worker)으로 보내고 바로 끝납니다. 결과는 관리 화면의 작업 결과에 남습니다.",
        )

    def handle(self, *args, quiet: bool = False, background: bool = False, **options) -> None:
        if background:
            job = rebuild_search_index.delay()
            if not job.ready():
                sent = f"검색 색인 다시 만들기를 작업으로 보냈습니다 (작업 ID {job.id})."
                self.stdout.write(self.style.SUCCESS(sent))
            elif job.successful():  # no broker (CELERY_BROKER_URL): the job ran here and then
                self.stdout.write(self.style.SUCCESS(job.result))
            else:
                raise CommandError(f"검색 색인을 다시 만들지 못했습니다: {job.result}")
            return
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
            elif done == total or done % (REBUILD_BATCH * 20) == 0:
                self.stdout.write(line)

        count = rebuild_index(progress)
        if interactive:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"검색 색인: 기사 {count:,}건을 {time.monotonic() - began:.1f}초에 색인했습니다.")
        )
