import re

from django.core.exceptions import ValidationError

_CLASSES = [
    ("大写字母", re.compile(r"[A-Z]")),
    ("小写字母", re.compile(r"[a-z]")),
    ("数字", re.compile(r"[0-9]")),
    ("特殊符号", re.compile(r"[^A-Za-z0-9]")),
]


class CharacterClassValidator:
    """At least `min_classes` of upper case, lower case, digits and symbols (等保 2.0 level 3)."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        present = sum(1 for _label, pattern in _CLASSES if pattern.search(password))
        if present < self.min_classes:
            raise ValidationError(
                f"密码须至少包含大写字母、小写字母、数字、特殊符号中的 {self.min_classes} 类。",
                code="password_too_simple",
            )

    def get_help_text(self):
        return f"至少包含大写字母、小写字母、数字、特殊符号中的 {self.min_classes} 类。"
