"""The one gap-free counter of the system: every serial number (收文编号, 发文字号, 档号 件号,
信访编号, 任免文号 …) is taken here.

    serial = next_serial("petitions:petition", year)   # inside the caller's transaction.atomic

The sequence row is created without a race (INSERT … ON CONFLICT DO NOTHING), then locked until
the caller's transaction ends; a rollback gives the number back. Never max()+1.
"""

from django.db import transaction

from .models import SerialCounter


def next_serial(key: str, year: int) -> int:
    if not transaction.get_connection().in_atomic_block:
        # Outside a transaction the lock would end at once and the number could be lost.
        raise RuntimeError("next_serial must be called inside transaction.atomic")
    SerialCounter.objects.bulk_create([SerialCounter(key=key, year=year)], ignore_conflicts=True)
    counter = SerialCounter.objects.select_for_update().get(key=key, year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


def last_serial(key: str, year: int) -> int:
    """The last serial given (0 when none), for display and imports' checks."""
    row = SerialCounter.objects.filter(key=key, year=year).values_list("last_value", flat=True).first()
    return row or 0


def set_at_least(key: str, year: int, value: int) -> None:
    """Moves a sequence forward to `value` (an import that brings numbers given elsewhere);
    never backwards, so no number is given twice. Inside the caller's transaction."""
    SerialCounter.objects.bulk_create([SerialCounter(key=key, year=year)], ignore_conflicts=True)
    counter = SerialCounter.objects.select_for_update().get(key=key, year=year)
    if counter.last_value < value:
        counter.last_value = value
        counter.save(update_fields=["last_value"])
