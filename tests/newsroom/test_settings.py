"""Settings come from the environment; production refuses to start on an unsafe one."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k" * 50
REGISTRATION = {
    "NEWSPAPER_REGISTRATION_NUMBER": "서울 아12345",
    "NEWSPAPER_REGISTERED_ON": "2019-05-01",
    "NEWSPAPER_PUBLISHER": "김발행",
    "NEWSPAPER_EDITOR": "이편집",
    "NEWSPAPER_YOUTH_OFFICER": "박보호",
    "NEWSPAPER_ADDRESS": "서울특별시 중구 세종대로 1",
    "NEWSPAPER_PHONE": "02-123-4567",
}


def start(code: str = "", **env: str) -> subprocess.CompletedProcess:
    """Start Django in a fresh interpreter with `env` on top of a clean environment, then run `code`."""
    base = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    script = "import django; django.setup()\n" + textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env={**base, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start(DEBUG="false", ALLOWED_HOSTS="news.example.com")

    assert result.returncode != 0
    assert "SECRET_KEY를 설정하세요" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = start(DEBUG="false", SECRET_KEY="short", ALLOWED_HOSTS="news.example.com")

    assert result.returncode != 0
    assert "SECRET_KEY가 너무 짧습니다" in result.stderr


def test_debug_mode_refuses_a_public_host():
    result = start(DEBUG="true", ALLOWED_HOSTS="news.example.com")

    assert result.returncode != 0
    assert "DEBUG=true로 공개 호스트를 서비스할 수 없습니다" in result.stderr


def test_production_with_a_key_and_a_host_starts_with_secure_cookies():
    result = start(
        "from django.conf import settings; print(settings.SESSION_COOKIE_SECURE, settings.SERVE_MEDIA)",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="news.example.com",
        **REGISTRATION,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]


def test_production_refuses_to_show_the_demo_registration_placeholders():
    partial = {key: value for key, value in REGISTRATION.items() if key != "NEWSPAPER_YOUTH_OFFICER"}

    result = start(DEBUG="false", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="news.example.com", **partial)

    assert result.returncode != 0
    assert "신문 등록 사항을 설정하세요: NEWSPAPER_YOUTH_OFFICER" in result.stderr


def test_a_site_url_without_its_scheme_is_refused():
    result = start(SITE_URL="news.example.kr")

    assert result.returncode != 0
    assert "SITE_URL은 https://news.example.kr처럼 http(s)://로 시작해야 합니다" in result.stderr


def test_defaults_run_the_korean_demo_on_sqlite_under_var(tmp_path):
    result = start(
        "from django.conf import settings; d = settings.DATABASES['default']\n"
        "print(d['ENGINE'], d['OPTIONS']['transaction_mode'], settings.TIME_ZONE, settings.LANGUAGE_CODE,"
        " settings.SITE_NAME, d['CONN_MAX_AGE'] > 0, d['CONN_HEALTH_CHECKS'])",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3", "IMMEDIATE", "Asia/Seoul", "ko-kr", "뉴스스페이스", "True", "False"
    ]  # fmt: skip


def test_two_editors_saving_at_once_on_sqlite_both_succeed(tmp_path):
    # Each "editor" reads, pauses, then writes inside one transaction: the pattern that makes SQLite's default
    # deferred transactions fail with "database is locked". Both saves must land.
    result = start(
        """
        import threading, time
        from django.core.management import call_command
        from django.db import connection, transaction
        from articles.models import Section
        call_command("migrate", verbosity=0)
        errors = []
        def editor(n):
            try:
                with transaction.atomic():
                    Section.objects.count()
                    time.sleep(0.5)
                    Section.objects.create(name=f"섹션{n}", slug=f"section-{n}")
            except Exception as error:
                errors.append(repr(error))
            finally:
                connection.close()
        threads = [threading.Thread(target=editor, args=(n,)) for n in range(2)]
        [thread.start() for thread in threads]
        [thread.join() for thread in threads]
        print(Section.objects.count(), errors)
        """,
        DATABASE_URL=f"sqlite:///{tmp_path / 'editors.sqlite3'}",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2 []"
