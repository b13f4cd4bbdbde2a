from argparse import ArgumentTypeError
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from weather import kma
from weather.fetching import NoStationsShown, fetch_observations


def parse_hour(value: str) -> datetime:
    try:
        return datetime.strptime(value, "%Y%m%d%H").replace(tzinfo=kma.KST)
    except ValueError as error:
        raise ArgumentTypeError(f"YYYYMMDDHH 형식의 한국 시각이어야 합니다 (예: 2026010412): {value!r}") from error


class Command(BaseCommand):
    help = "기상청 API 허브(kma_sfctm2)에서 표시 중인 모든 지점의 시간별 관측값을 한 번에 받아 저장합니다."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--at", type=parse_hour, help="관측 시각 YYYYMMDDHH (한국 시각, 기본값: 가장 최근 정시)")

    def handle(self, *args, at: datetime | None, **options) -> None:
        if at and at > timezone.now():
            raise CommandError(f"아직 오지 않은 시각입니다: {at:%Y-%m-%d %H시}")
        try:
            result = fetch_observations(at)
        except NoStationsShown as error:
            raise CommandError(str(error)) from None
        except kma.KMAError as error:
            raise CommandError(f"기상청 관측값을 받지 못했습니다: {error}") from error
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(self.style.SUCCESS(str(result)))
