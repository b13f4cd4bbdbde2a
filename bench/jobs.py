"""What queueing a background job costs the request that queues it, per broker: `.delay()` as an editor's save
pays it, on the machine's Redis and RabbitMQ (no worker needed; the bench's own queue is deleted afterwards).

    .venv/bin/python bench/jobs.py
    .venv/bin/python bench/jobs.py --broker redis://127.0.0.1:6379/15 --broker amqp://guest:guest@127.0.0.1:5672//

Each broker runs in its own process (the settings are read at start-up), in interleaved rounds so that a noisy
machine hurts all alike. Per broker: the first `.delay()` of a process (it opens the connection), then p50/p95/max
over --jobs jobs carrying a purge-sized payload (20 URLs); and what `.delay()` costs when the broker is down (a
closed port) and when it accepts connections and never answers, which an editor's save would pay before the job is
logged as not queued (newsroom.jobs).
"""

import sys
from pathlib import Path

# Not this folder on the path: its http.py (the HTTP bench) would stand in for the standard library's `http`.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import json
import os
import socket
import statistics
import subprocess
import threading
import time
import uuid

ROOT = Path(__file__).resolve().parent.parent
BROKERS = ["redis://127.0.0.1:6379/15", "amqp://guest:guest@127.0.0.1:5672//"]
PAYLOAD = [f"https://news.example.kr/articles/{n}/" for n in range(20)]


def measure(jobs: int) -> dict:
    """In a child process whose CELERY_BROKER_URL is the broker: seconds per `.delay()`."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django
    from kombu import Exchange, Queue

    django.setup()
    from newsroom.celery import app
    from newsroom.jobs import enqueue

    task = app.tasks["newsroom.ping"]
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    began = time.perf_counter()
    enqueue(task.s(PAYLOAD).set(queue=queue))
    first = time.perf_counter() - began
    times = []
    for _ in range(jobs):
        began = time.perf_counter()
        result = enqueue(task.s(PAYLOAD).set(queue=queue))
        times.append(time.perf_counter() - began)
    with app.connection_for_write() as connection:
        channel = connection.default_channel
        declared = Queue(queue, Exchange(queue), routing_key=queue)(channel)
        declared.declare()  # so that deleting it also drops its bindings
        declared.delete()
        channel.exchange_delete(queue)
    return {"first": first, "times": times, "queued": result is not None}


def run(broker: str, jobs: int) -> dict:
    env = {**os.environ, "CELERY_BROKER_URL": broker}
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(jobs)], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode:
        sys.exit(f"{broker}: {out.stderr.strip().splitlines()[-1:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def silent_listener() -> int:
    """A port that accepts connections and never says a word: a broker gone quiet."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held = []
    threading.Thread(target=lambda: [held.append(server.accept()) for _ in iter(int, 1)], daemon=True).start()
    return server.getsockname()[1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        # A child for `measure`, or one `.delay()` against a dead broker (jobs == 0).
        jobs = int(sys.argv[2])
        if jobs:
            print(json.dumps(measure(jobs)))
        else:
            sys.path.insert(0, str(ROOT))
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
            import django

            django.setup()
            from newsroom.celery import app
            from newsroom.jobs import enqueue

            began = time.perf_counter()
            result = enqueue(app.tasks["newsroom.ping"].s(PAYLOAD))
            print(json.dumps({"first": time.perf_counter() - began, "times": [], "queued": result is not None}))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--broker", action="append", help="a broker URL (default: the machine's Redis and RabbitMQ)")
    parser.add_argument("--jobs", type=int, default=2000, help="jobs queued per round and broker")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    brokers = args.broker or BROKERS
    samples: dict[str, list[dict]] = {broker: [] for broker in brokers}
    for _ in range(args.rounds):
        for broker in brokers:
            samples[broker].append(run(broker, args.jobs))
    print("| broker | first .delay() ms | p50 ms | p95 ms | max ms | p50 per round |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for broker, rounds in samples.items():
        every = sorted(t for r in rounds for t in r["times"])
        p95 = every[int(len(every) * 0.95)]
        per_round = " / ".join(ms(statistics.median(r["times"])) for r in rounds)
        first = statistics.median(r["first"] for r in rounds)
        p50 = statistics.median(every)
        print(f"| `{broker}` | {ms(first)} | {ms(p50)} | {ms(p95)} | {ms(every[-1])} | {per_round} |")
    quiet = silent_listener()
    for label, broker in [
        ("Redis down (closed port)", "redis://127.0.0.1:9/0"),
        ("Redis silent (accepts, never answers)", f"redis://127.0.0.1:{quiet}/0"),
        ("RabbitMQ down (closed port)", "amqp://guest:guest@127.0.0.1:9//"),
        ("RabbitMQ silent (accepts, never answers)", f"amqp://guest:guest@127.0.0.1:{quiet}//"),
    ]:
        env = {**os.environ, "CELERY_BROKER_URL": broker}
        began = time.perf_counter()
        out = subprocess.run([sys.executable, __file__, "--child", "0"], env=env, capture_output=True, text=True)
        wall = time.perf_counter() - began
        line = json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else None
        if line is None:
            print(f"{label}: the child failed ({wall:.1f} s): {out.stderr.strip().splitlines()[-1:]}")
        else:
            queued = "queued?!" if line["queued"] else "not queued, logged"
            print(f"{label}: .delay() took {line['first']:.2f} s, {queued}")


if __name__ == "__main__":
    main()
