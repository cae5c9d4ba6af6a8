"""The documents' demo data: a realistic year and part of the last, idempotent and quick."""

import time

import pytest
from django.utils import timezone

from documents import demo
from documents.models import ArchiveItem, IncomingDocument, Instruction, OutgoingDocument, Proposal, PublicityItem
from documents.summary import figures
from office import demo as office_demo

pytestmark = pytest.mark.django_db


def test_the_demo_is_realistic_idempotent_and_fast():
    office_demo.seed()
    started = time.monotonic()
    demo.seed()
    elapsed = time.monotonic() - started
    counts = [
        m.objects.count()
        for m in (IncomingDocument, OutgoingDocument, Proposal, Instruction, ArchiveItem, PublicityItem)
    ]
    assert counts[0] >= 300 and counts[1] >= 200 and all(counts)
    demo.seed()
    assert [
        m.objects.count()
        for m in (IncomingDocument, OutgoingDocument, Proposal, Instruction, ArchiveItem, PublicityItem)
    ] == counts
    assert elapsed < 10
    year = timezone.localdate().year
    result = {f.key: f for f in figures(year)}
    assert all(f.value is not None and f.last_year is not None for f in result.values())
    # The serials the demo used are taken: the next registration continues after them.
    assert IncomingDocument.objects.filter(year=year).order_by("-serial").first().serial == 420
