from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from weather import kma
from weather.importing import FORMATS, import_bytes, read_file


class Command(BaseCommand):
    help = "저장해 둔 기상청 응답 파일(kma_sfctm2 텍스트, ASOS 시간자료 JSON, 초단기실황 JSON)을 관측값으로 저장합니다."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="기상청 응답을 저장한 파일")
        parser.add_argument("--format", choices=FORMATS, default="auto", help="파일 형식 (기본값: 내용을 보고 판단)")

    def handle(self, *args, file: Path, format: str, **options) -> None:
        try:
            result = import_bytes(read_file(file), format)
        except OSError as error:
            raise CommandError(f"파일을 열 수 없습니다: {file} ({error.strerror})") from error
        except kma.KMAError as error:
            raise CommandError(f"{file.name}: {error}. 저장한 관측값은 없습니다.") from error
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        self.stdout.write(self.style.SUCCESS(str(result)))
