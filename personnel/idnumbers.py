"""The 18-digit citizen ID number (公民身份号码) of GB 11643-1999."""

import datetime
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


def normalise(value: str) -> str:
    return (value or "").strip().upper()


def check_digit(first17: str) -> str:
    """The 18th character: ISO 7064 MOD 11-2 over the first 17 digits."""
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def id_problem(value: str, birth_date: datetime.date | None = None) -> str | None:
    """What is wrong with an ID number, in words for the user, or None if it is valid
    (and, when `birth_date` is given, agrees with it)."""
    value = normalise(value)
    if not _SHAPE.match(value):
        return "公民身份号码应为18位，前17位为数字，末位为数字或X。"
    if check_digit(value[:17]) != value[17]:
        return "公民身份号码校验码不正确（GB 11643），请核对。"
    try:
        embedded = datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "公民身份号码中的出生日期无效。"
    if birth_date is not None and embedded != birth_date:
        return f"公民身份号码中的出生日期（{embedded:%Y-%m-%d}）与填写的出生日期（{birth_date:%Y-%m-%d}）不一致。"
    return None


def birth_date_of(value: str) -> datetime.date | None:
    value = normalise(value)
    try:
        return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def with_check_digit(first17: str) -> str:
    """A valid ID from its first 17 digits (tests, the demo)."""
    return first17 + check_digit(first17)
