from django.core.management.base import BaseCommand

from articles.demo import load_demo


class Command(BaseCommand):
    help = "데모 신문(섹션, 연재, 기자, 기사, 배너)을 불러옵니다. 이미 있는 것은 그대로 두므로 다시 실행해도 됩니다."

    def handle(self, *args, **options) -> None:
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS(str(summary)))
