from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from simple_history.models import HistoricalRecords

from ..choices import DepartmentKind
from .base import TimeStampedModel

phone_validator = RegexValidator(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$", "请输入有效的手机或座机号码。")
archive_code_validator = RegexValidator(r"^[A-Z0-9]{1,10}$", "档号机构代码只能使用大写字母和数字，最多 10 位。")


def pinyin_initials(name: str) -> str:
    """The pinyin initials of a Chinese name in capitals (财务审计科 → CWSJK); letters and
    digits are kept, anything else dropped. The default 档号 organisation code."""
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda text: list(text))
    return "".join(ch for ch in "".join(letters).upper() if ch.isascii() and ch.isalnum())[:10]


class Department(TimeStampedModel):
    """A section (科室) of the bureau or a subordinate unit (二级单位), possibly under a parent."""

    name = models.CharField("名称", max_length=60, unique=True)
    code = models.SlugField("代码", max_length=30, unique=True, help_text="系统内部使用的英文或拼音缩写。")
    archive_code = models.CharField(
        "档号机构代码",
        max_length=10,
        blank=True,
        validators=[archive_code_validator],
        help_text="档号中的机构（问题）代码，如 BGS；留空则取名称的拼音首字母。",
    )
    kind = models.CharField("类型", max_length=10, choices=DepartmentKind.choices, default=DepartmentKind.SECTION)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "科室/单位"
        verbose_name_plural = "科室/单位"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.archive_code:
            self.archive_code = pinyin_initials(self.name)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "archive_code"}
        super().save(*args, **kwargs)

    @property
    def archive_org_code(self):
        """The organisation code in 档号: the one configured, else the name's pinyin initials."""
        return self.archive_code or pinyin_initials(self.name)


class User(AbstractUser):
    """A person of the bureau. Roles are groups; the department scopes what a handler sees."""

    name = models.CharField("姓名", max_length=50)
    department = models.ForeignKey(
        Department, verbose_name="科室", null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    position = models.CharField("职务", max_length=60, blank=True)
    phone = models.CharField("手机号码", max_length=20, blank=True, validators=[phone_validator])
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering = ["department__sort_order", "id"]
        permissions = [
            ("view_all_departments", "查看全部科室的记录"),
            ("view_dashboard", "查看督办看板"),
            ("view_personal_data", "查看他人个人敏感信息"),
        ]

    def __str__(self):
        return self.name or self.username

    def get_full_name(self):
        return self.name or self.username

    def get_short_name(self):
        return self.name or self.username

    @property
    def masked_phone(self):
        from ..masking import mask_phone

        return mask_phone(self.phone)


class LoginSession(models.Model):
    """The sessions a user has opened, so that disabling the user can end all of them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "登录会话"
        verbose_name_plural = "登录会话"

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
