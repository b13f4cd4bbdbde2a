"""The `celery` commands an operator types work against the project, not only the worker."""

import os
import subprocess
import sys
import time

from django_celery_results.models import TaskResult

from tests.workers import BROKER_URL, ROOT, database_url


def test_an_operator_sends_a_ping_with_celery_call_and_a_worker_answers_it(start_worker):
    worker = start_worker()
    environment = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": BROKER_URL}
    command = [sys.executable, "-m", "celery", "-A", "newsroom", "call", "newsroom.ping", "--queue", worker.queue]
    command += ["--args", '["안녕"]']

    sent = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60)

    assert sent.returncode == 0, sent.stderr
    task_id = sent.stdout.strip().splitlines()[-1]
    for _ in range(200):  # the worker writes the result when it has run the job
        result = TaskResult.objects.filter(task_id=task_id).first()
        if result is not None and result.status == "SUCCESS":
            break
        time.sleep(0.1)
    assert result is not None and result.status == "SUCCESS", worker.log()
    assert "안녕" in result.result
