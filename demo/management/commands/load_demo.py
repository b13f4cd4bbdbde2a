from django.core.management.base import BaseCommand

from demo.loader import load_demo
from demo.weather import load_demo_weather


class Command(BaseCommand):
    help = (
        "데모 신문(섹션, 연재, 기자, 기사, 배너)과 모델 페이지의 날씨(16개 지점, 가장 최근 정시 기준)를 불러옵니다. "
        "이미 있는 것은 그대로 두므로 다시 실행해도 됩니다."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(self.style.SUCCESS(str(load_demo())))
        self.stdout.write(self.style.SUCCESS(f"데모 날씨: {load_demo_weather()}"))
