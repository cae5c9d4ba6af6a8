"""The security audit log (等保 2.0 安全审计, 网络安全法 第二十一条): who did what, when, from where.

One row per event, written with one INSERT (office.services.audit_log.audit) and never changed:
save() refuses an update, delete() and the queryset's update()/delete() refuse, the admin is
read-only, and a database trigger (migration 0011) refuses UPDATE, and DELETE of rows younger
than the minimum retention, whatever the client. Only `AuditEvent.objects.prune()` (the daily
beat task) removes rows, those older than AUDIT_RETENTION_DAYS."""

from django.conf import settings
from django.db import models
from django.utils import timezone

# 等保 2.0 and 网络安全法 第二十一条: logs kept for not less than six months. The trigger enforces it.
MINIMUM_RETENTION_DAYS = 180


class AuditLogImmutable(Exception):
    """An attempt to change or delete an audit row outside the retention prune."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogImmutable("审计日志不可修改。")

    def delete(self):
        raise AuditLogImmutable("审计日志不可删除，超过保存期限的记录由系统定期清理。")

    def prune(self, *, now=None):
        """Deletes the rows older than AUDIT_RETENTION_DAYS (never fewer than 180); returns the count."""
        from datetime import timedelta

        days = max(settings.AUDIT_RETENTION_DAYS, MINIMUM_RETENTION_DAYS)
        cutoff = (now or timezone.now()) - timedelta(days=days)
        return self.filter(at__lt=cutoff)._raw_delete(self.db)


class AuditEvent(models.Model):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCKED = "locked"
    DENIED = "denied"
    EXPORT = "export"
    CLASSIFIED_REFUSED = "classified_refused"
    SENSITIVE_READ = "sensitive_read"
    DOWNLOAD = "download"
    TOKEN_ISSUED = "token_issued"  # noqa: S105 - an event kind, not a secret
    TOKEN_REVOKED = "token_revoked"  # noqa: S105 - an event kind, not a secret
    OTP_ENROLLED = "otp_enrolled"
    OTP_FAILED = "otp_failed"
    ADMIN_ADDED = "admin_added"
    ADMIN_CHANGED = "admin_changed"
    ADMIN_DELETED = "admin_deleted"
    EXPORT_DOWNLOAD = "export_download"
    KINDS = [
        (LOGIN, "登录"),
        (LOGIN_FAILED, "登录失败"),
        (LOGOUT, "退出"),
        (LOCKED, "账户锁定"),
        (DENIED, "拒绝访问"),
        (EXPORT, "导出"),
        (CLASSIFIED_REFUSED, "拒绝涉密内容"),
        (SENSITIVE_READ, "查阅敏感信息"),
        (DOWNLOAD, "下载附件"),
        (TOKEN_ISSUED, "签发接口令牌"),
        (TOKEN_REVOKED, "撤销接口令牌"),
        (OTP_ENROLLED, "绑定身份验证器"),
        (OTP_FAILED, "动态验证码错误"),
        (ADMIN_ADDED, "后台新增"),
        (ADMIN_CHANGED, "后台修改"),
        (ADMIN_DELETED, "后台删除"),
        (EXPORT_DOWNLOAD, "下载导出文件"),
    ]

    at = models.DateTimeField("时间", default=timezone.now)
    kind = models.CharField("事件", max_length=20, choices=KINDS)
    # No database constraint: a user deleted later leaves the row (and its user name) as it was.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField("用户名", max_length=150, blank=True)
    address = models.GenericIPAddressField("网络地址", null=True, blank=True)
    method = models.CharField("请求方法", max_length=10, blank=True)
    path = models.CharField("请求地址", max_length=300, blank=True)
    target = models.CharField("对象", max_length=200, blank=True)
    detail = models.CharField("说明", max_length=500, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["-at"], name="audit_at_idx"),
            models.Index(fields=["kind", "-at"], name="audit_kind_at_idx"),
            models.Index(fields=["user", "-at"], name="audit_user_at_idx"),
        ]

    def __str__(self):
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M:%S} {self.username} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogImmutable("审计日志不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogImmutable("审计日志不可删除，超过保存期限的记录由系统定期清理。")
