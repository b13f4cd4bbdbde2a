"""Failed jobs in the admin (백그라운드 작업 › 작업 결과), in Korean like the rest of it."""

import gettext
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation
from django_celery_results.models import TaskResult

from weather.tasks import fetch_observations

LOCALE = Path(__file__).resolve().parents[2] / "newsroom" / "locale" / "ko" / "LC_MESSAGES"
HANGUL = re.compile(r"[가-힣]")


@pytest.fixture
def failed_fetch(settings, db):
    settings.KMA_APIHUB_KEY = ""  # the hourly fetch with no key: it fails at once, asking nothing
    job = fetch_observations.delay()
    assert job.failed()
    return TaskResult.objects.get(task_id=job.id)


def test_a_failed_job_is_listed_in_the_admin_in_korean(admin_client, failed_fetch):
    page = admin_client.get(reverse("admin:django_celery_results_taskresult_changelist"), {"status__exact": "FAILURE"})

    assert page.status_code == 200
    assert '<html lang="ko-kr"' in page.text
    assert "볼 작업 결과 선택" in page.text or "변경할 작업 결과 선택" in page.text
    for header in ("작업 ID", "작업 이름", "완료 시각", "상태", "워커"):
        assert header in page.text
    assert "weather.fetch_observations" in page.text
    assert "FAILURE" in page.text
    assert failed_fetch.task_id in page.text


def test_its_page_says_why_in_the_words_of_the_job(admin_client, failed_fetch):
    page = admin_client.get(reverse("admin:django_celery_results_taskresult_change", args=[failed_fetch.pk]))

    assert page.status_code == 200
    assert "KMA_APIHUB_KEY가 설정되지 않았습니다" in page.text
    assert "트레이스백" in page.text


def test_the_admin_index_names_the_jobs_in_korean(admin_client):
    page = admin_client.get(reverse("admin:index"))

    assert "백그라운드 작업" in page.text
    assert "작업 결과" in page.text


def test_the_newsrooms_administrators_may_read_the_job_results(client, failed_fetch):
    admin = User.objects.create_user("admin-role", password="pw-for-tests-only", is_staff=True)
    admin.groups.add(Group.objects.get(name="관리자"))
    client.force_login(admin)

    page = client.get(reverse("admin:django_celery_results_taskresult_changelist"))

    assert page.status_code == 200
    assert failed_fetch.task_id in page.text


def test_every_label_of_the_job_results_is_korean():
    with translation.override("ko"):
        labels = [str(TaskResult._meta.verbose_name), str(TaskResult._meta.app_config.verbose_name)]
        labels += [str(field.verbose_name) for field in TaskResult._meta.fields if field.name != "id"]

    assert [label for label in labels if not HANGUL.search(label)] == []


def test_the_compiled_catalogue_matches_its_source():
    """After editing django.po: `msgfmt -o django.mo django.po` in newsroom/locale/ko/LC_MESSAGES."""
    source = (LOCALE / "django.po").read_text(encoding="utf-8")
    entries = re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', source, flags=re.MULTILINE)

    def text(quoted: str) -> str:
        return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', quoted)).replace('\\"', '"').replace("\\\\", "\\")

    wanted = {text(msgid): text(msgstr) for msgid, msgstr in entries if text(msgid)}
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)

    assert len(wanted) > 40
    assert {msgid: catalogue.gettext(msgid) for msgid in wanted} == wanted
