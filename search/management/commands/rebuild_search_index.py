import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search.models import IndexState, rebuild_index
from search.tasks import rebuild_search_index


class Command(BaseCommand):
    help = (
        "모든 기사의 검색 색인을 다시 만듭니다. 검색이 생기기 전의 기사를 처음 색인할 때나 색인이 의심스러울 때 "
        "씁니다. 다시 실행해도 됩니다."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--quiet", action="store_true", help="진행 막대를 보이지 않습니다.")
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="PostgreSQL에서 기사를 나눠 분석·색인할 프로세스 수입니다 (기본 1, 코어 수까지). SQLite는 늘 1입니다.",
        )
        parser.add_argument(
            "--restart",
            action="store_true",
            help="중단된 다시 만들기를 이어 가지 않고 처음부터 다시 만듭니다.",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="작업(Celery worker)으로 보내고 바로 끝납니다. 결과는 관리 화면의 작업 결과에 남습니다.",
        )

    def handle(
        self,
        *args,
        quiet: bool = False,
        background: bool = False,
        workers: int = 1,
        restart: bool = False,
        **options,
    ) -> None:
        if not 1 <= workers <= 64:
            raise CommandError("--workers는 1부터 64 사이의 수여야 합니다.")
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
        state = IndexState.objects.filter(pk=1).values_list("rebuilt_through", flat=True).first()
        if state and not restart:
            self.stdout.write(f"중단된 다시 만들기를 기사 ID {state:,} 다음부터 이어 갑니다 (처음부터: --restart).")
        seen = {"batches": 0}  # and the first batch's count and time, for the rate

        def progress(done: int, total: int) -> None:
            if quiet:
                return
            seen["batches"] += 1
            now = time.monotonic()
            first, at = seen.setdefault("first", (done, now))
            share = done / total if total else 1
            bar = "#" * int(share * 30)
            rate = (done - first) / (now - at) if now > at else 0
            left = f", 남은 시간 약 {_duration((total - done) / rate)}" if rate > 0 and done < total else ""
            line = f"[{bar:<30}] {done:,}/{total:,} ({share:.0%}{left})"
            if interactive:
                self.stdout.write(f"\r{line}", ending="")
                self.stdout.flush()
            elif done == total or seen["batches"] % 20 == 1:
                self.stdout.write(line)

        try:
            count = rebuild_index(progress, workers=workers, restart=restart)
        except KeyboardInterrupt:
            if interactive:
                self.stdout.write("")
            through = IndexState.objects.filter(pk=1).values_list("rebuilt_through", flat=True).first()
            where = f"기사 ID {through:,} 다음부터" if through else "처음부터"
            raise CommandError(f"중단했습니다. 색인은 그대로 쓸 수 있고, 다시 실행하면 {where} 이어 갑니다.") from None
        if interactive:
            self.stdout.write("")
        resumed = f" (앞서 색인한 기사 ID {state:,}까지는 건너뛰었습니다)" if state and not restart else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"검색 색인: 기사 {count:,}건을 {time.monotonic() - began:.1f}초에 색인했습니다{resumed}."
            )
        )


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return "1분 미만"
    return f"{minutes // 60}시간 {minutes % 60}분" if minutes >= 60 else f"{minutes}분"
