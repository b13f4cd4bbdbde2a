from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.twofactor import app_device, new_backup_codes
from demo.loader import ensure_demo_editor


class Command(BaseCommand):
    help = "데모용 편집자 계정이 있는지 확인하고 없으면 만든 뒤, 로그인 방법을 출력합니다 (DEBUG=true에서만)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--username", default="editor", help="계정 아이디 (기본값: editor)")
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help="로그인 안내에 쓸 사이트 주소 (기본값: http://127.0.0.1:8000)",
        )
        parser.add_argument(
            "--password", default="newsroom-demo", help="새로 만들 때의 비밀번호 (기본값: newsroom-demo)"
        )

    def handle(self, *args, username: str, password: str, site: str, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "운영 환경(DEBUG=false)에서는 비밀번호가 알려진 데모 계정을 만들지 않습니다. "
                "관리자 계정은 `python manage.py createsuperuser`로 만드세요."
            )
        user, created = ensure_demo_editor(username, password)
        self.stdout.write(self.style.SUCCESS(f"데모 편집자 계정을 {'만들었습니다' if created else '확인했습니다'}."))
        self.stdout.write(f"  편집국 주소: {site.rstrip('/')}/admin/")
        self.stdout.write(f"  아이디: {user.get_username()}")
        if created:
            self.stdout.write(f"  비밀번호: {password}")
        else:
            self.stdout.write(f"  비밀번호: 처음 만들 때 정한 것 그대로입니다 (기본값 {password}).")
        # 데스크 and 관리자 give a second factor after the password: codes to type until an app is set up. Once
        # one is, its codes are what the editor signs in with, and the backup codes shown then are kept.
        if app_device(user) is not None:
            self.stdout.write("  2단계 인증: 등록한 인증 앱의 코드 (또는 앱을 등록할 때 받은 백업 코드)")
            return
        codes = new_backup_codes(user)
        self.stdout.write(f"  2단계 인증 백업 코드 (하나씩 한 번만, 실행할 때마다 새로): {' '.join(codes)}")
        self.stdout.write("  인증 앱은 로그인한 뒤 위쪽 메뉴의 '2단계 인증'에서 등록할 수 있습니다.")
