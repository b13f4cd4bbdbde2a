from django.core.management.base import BaseCommand
from django.db import transaction

from demo.loader import load_demo
from demo.weather import load_demo_weather


class Command(BaseCommand):
    help = (
        "데모 신문(섹션, 연재, 기자, 기사, 배너, 많이 본 뉴스의 조회수)과 모델 페이지의 날씨(16개 지점, 가장 최근 정시 "
        "기준)를 불러옵니다. 가장 새 기사가 한 시간 전에 나온 오늘의 신문처럼 출고 시각을 지금에 맞춥니다. 다시 "
        "실행하면 빠진 것만 더하고, 아무도 고치지 않은 데모 기사의 출고 시각만 다시 맞춥니다. 편집자가 쓰거나 고치거나 "
        "지운 것은 그대로 둡니다."
    )

    def handle(self, *args, **options) -> None:
        # The paper and its weather together, or neither.
        with transaction.atomic():
            summary = load_demo()
            weather = load_demo_weather()
        self.stdout.write(self.style.SUCCESS(str(summary)))
        self.stdout.write(self.style.SUCCESS(f"데모 날씨: {weather}"))
