"""Masking of personal data (phone, citizen ID, address, money, dates of birth), one rule for
pages, the API and exports.

Each app decides *who* may see a value in full (its policy function, e.g. "HR and the person
themselves"); this module decides *what* everyone else sees:

    shown(value, "id_number", allowed)        # in Python (services, exports)
    {% masked value "phone" allowed %}        # in templates (office_tags)
    MaskedField(kind="id_number", allowed=policy)   # in serializers (office/api/fields.py)
"""

from decimal import Decimal

HIDDEN = "***"


def mask_phone(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) <= 7:
        return value[:2] + "*" * (len(value) - 2)
    return value[:3] + "****" + value[-4:]


def mask_id_number(value: str) -> str:
    """3201**********1234: the region's first four digits and the last four stay."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_address(value: str) -> str:
    """The first six characters (province, city, district) stay; the street and number go."""
    value = (value or "").strip()
    if not value:
        return ""
    return value[:6] + "****" if len(value) > 6 else value[:2] + "****"


def mask_name(value: str) -> str:
    """张** / 欧阳*: the family name stays."""
    value = (value or "").strip()
    if len(value) <= 1:
        return value
    return value[0] + "*" * (len(value) - 1)


def mask_money(value) -> str:
    return "" if value is None or value == "" else HIDDEN


def mask_date(value) -> str:
    """A birth date shows its year only."""
    if not value:
        return ""
    return f"{value.year}年" if hasattr(value, "year") else HIDDEN


MASKS = {
    "phone": mask_phone,
    "id_number": mask_id_number,
    "address": mask_address,
    "name": mask_name,
    "money": mask_money,
    "date": mask_date,
}


def mask(value, kind: str):
    return MASKS[kind](value)


def shown(value, kind: str, allowed: bool):
    """`value` itself for a viewer allowed to see it, its masked form for anyone else."""
    if allowed:
        return "" if value is None else value
    return mask(value, kind)


def plain(value):
    """A value as text for an export cell: Decimal without exponent, None as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value
