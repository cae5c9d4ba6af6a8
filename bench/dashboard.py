"""Benchmark: the leaders' dashboard and the supervised-item list at scale, beside a trivial page.

Usage:  .venv/bin/python bench/dashboard.py [--items 200000] [--runs 30]
Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/office_bench, created if missing);
prints the median and p95 of each page, the trivial page's, their ratio and the query counts.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/office_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "office.settings.base")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def ensure_database(url):
    import psycopg2

    name = url.rsplit("/", 1)[1]
    conn = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if os.environ["DATABASE_URL"].startswith("postgres"):
        ensure_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from office.models import Department, SupervisedItem, User

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    missing = args.items - SupervisedItem.objects.count()
    if missing > 0:
        print(f"inserting {missing} supervised items …", flush=True)
        rng = random.Random(7)
        departments = list(Department.objects.all())
        people = {d.pk: list(User.objects.filter(department=d)) or [User.objects.first()] for d in departments}
        clerk = User.objects.get(username="clerk")
        today = datetime.date.today()
        batch = []
        for n in range(missing):
            dept = rng.choice(departments)
            start = today - datetime.timedelta(days=rng.randint(0, 3650))
            deadline = start + datetime.timedelta(days=rng.randint(5, 60))
            done = deadline < today and rng.random() < 0.9
            completed_on = min(deadline + datetime.timedelta(days=rng.randint(-10, 8)), today) if done else None
            completed_on = max(completed_on, start) if completed_on else None
            batch.append(
                SupervisedItem(
                    title=f"基准事项{n}",
                    category=rng.choice(["document", "instruction", "meeting", "proposal", "petition", "special"]),
                    owner_department=dept,
                    responsible=rng.choice(people[dept.pk]),
                    start_date=start,
                    deadline=deadline,
                    status="completed" if done else "open",
                    completed_on=completed_on,
                    completed_at=datetime.datetime.combine(completed_on, datetime.time(12), tzinfo=datetime.UTC)
                    if done
                    else None,
                    created_by=clerk,
                )
            )
            if len(batch) == 5000:
                SupervisedItem.objects.bulk_create(batch)
                batch = []
        SupervisedItem.objects.bulk_create(batch)
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    total = SupervisedItem.objects.count()

    client = Client()
    client.force_login(User.objects.get(username="leader"))
    year = datetime.date.today().year
    pages = {
        "trivial (password page)": "/accounts/password/",
        "dashboard": f"/dashboard/?year={year}",
        "item list, page 1": "/supervision/",
        "item list, filtered": f"/supervision/?year={year}&phase=overdue",
        "item list, searched": "/supervision/?q=基准事项12345",
    }
    results = {}
    for label, url in pages.items():
        client.get(url)
        timings = []
        for _ in range(args.runs):
            t = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        timings.sort()
        results[label] = (statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(ctx.captured_queries))
    base = results["trivial (password page)"][0]
    print(f"\nsupervised items: {total}, runs per page: {args.runs}, database: {connection.vendor}")
    print(f"{'page':<26}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'× trivial':>11}")
    for label, (median, p95, queries) in results.items():
        print(f"{label:<26}{median:>10.1f}{p95:>10.1f}{queries:>9}{median / base:>11.1f}")


if __name__ == "__main__":
    main()
