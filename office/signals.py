"""Bookkeeping on login, logout, password change and disabling a user (sessions and API tokens),
and the audit log's login, logout, failure and lockout events.

django-axes records every login, logout and failure itself (AccessLog, AccessFailureLog);
these receivers keep what axes does not: which sessions belong to whom, when a session
began, and when a password was last changed.
"""

import time
from importlib import import_module

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from .middleware import SESSION_LOGIN_AT
from .models import ApiToken, AuditEvent, LoginSession, User


@receiver(user_logged_in, dispatch_uid="office-audit-login")
def _audit_login(sender, request, user, **kwargs):
    from .services.audit_log import audit

    audit(AuditEvent.LOGIN, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="office-audit-logout")
def _audit_logout(sender, request, user, **kwargs):
    from .services.audit_log import audit

    if user is not None:
        audit(AuditEvent.LOGOUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="office-audit-login-failed")
def _audit_login_failed(sender, credentials, request=None, **kwargs):
    from .lockout import __name__ as lockout_module
    from .services.audit_log import audit

    if sender == lockout_module:
        return  # a wrong second-factor code: office.lockout.record_failure records it as such
    username = (credentials or {}).get("username", "")
    detail = "账户已锁定，拒绝登录" if _during_lockout(request) else "用户名或密码错误"
    audit(AuditEvent.LOGIN_FAILED, request=request, username=username, detail=detail)


def _during_lockout(request):
    """Whether this failed attempt came while the user name and address were already locked.

    AxesBackend refuses a locked pair before checking the password; with axes' default
    AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT the refusal is counted as one more failure
    (restarting the cool-off) and user_locked_out is sent again. So the attempt that locks has
    exactly the limit of failures, each one during the lockout more; with that setting off,
    axes counts nothing (no number) and marks the request locked. Axes' receiver runs before
    this app's (axes comes first in INSTALLED_APPS), so the count is there when we look."""
    from axes.helpers import get_failure_limit

    if request is None:
        return False
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        return bool(getattr(request, "axes_locked_out", False))
    return failures > get_failure_limit(request, getattr(request, "axes_credentials", None))


def _audit_locked_out(sender, request, username, ip_address, **kwargs):
    from .services.audit_log import audit

    if _during_lockout(request):
        return  # one 账户锁定 per lockout; the attempt itself is a 登录失败 (账户已锁定，拒绝登录)
    audit(AuditEvent.LOCKED, request=request, username=username or "", detail=f"连续登录失败，来自 {ip_address}")


user_locked_out.connect(_audit_locked_out, dispatch_uid="office-audit-locked")


def _session_store(session_key=None):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


@receiver(user_logged_in)
def _record_login_session(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    # login() has already cycled the session key, so this is the new session's key.
    request.session[SESSION_LOGIN_AT] = time.time()
    if not request.session.session_key:
        request.session.save()
    # Rows of sessions that expired or were cycled away are dropped here, so the table
    # holds only live sessions without a separate clean-up job.
    stale = [
        key
        for key in LoginSession.objects.filter(user=user).values_list("session_key", flat=True)
        if not _session_store().exists(key)
    ]
    if stale:
        LoginSession.objects.filter(session_key__in=stale).delete()
    LoginSession.objects.get_or_create(session_key=request.session.session_key, defaults={"user": user})


@receiver(user_logged_out)
def _forget_login_session(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        LoginSession.objects.filter(session_key=request.session.session_key).delete()
    # Logging out ends the person's API access too: tokens must not outlive the session rules.
    if user is not None:
        ApiToken.objects.filter(user=user).delete()


@receiver(pre_save, sender=User)
def _stamp_password_change(sender, instance, **kwargs):
    # set_password() keeps the raw password in _password until the save; check_password()
    # rehashing on a hasher upgrade clears it first, so only a real change is stamped.
    if getattr(instance, "_password", None) is not None or (instance.pk is None and not instance.password_changed_at):
        instance.password_changed_at = timezone.now()


@receiver(post_save, sender=User)
def _persist_password_stamp_and_end_sessions(sender, instance, created, update_fields=None, **kwargs):
    if (
        getattr(instance, "_password", None) is not None
        and update_fields is not None
        and "password_changed_at" not in update_fields
    ):
        # save(update_fields=["password"]) would leave the stamp set in pre_save unsaved.
        User.objects.filter(pk=instance.pk).update(password_changed_at=instance.password_changed_at)
    if not created and not instance.is_active:
        end_sessions(instance)
    if not created and (not instance.is_active or getattr(instance, "_password", None) is not None):
        # A new password or a disabled account revokes every API token of the user.
        ApiToken.objects.filter(user=instance).delete()


def end_sessions(user):
    """Ends every session of the user, wherever the session engine keeps them."""
    keys = list(LoginSession.objects.filter(user=user).values_list("session_key", flat=True))
    store = _session_store()
    for key in keys:
        store.delete(key)
    LoginSession.objects.filter(user=user).delete()


# ---- changes made in the Django admin ------------------------------------------------------------
# Every admin add, change and delete writes a LogEntry (ModelAdmin.log_addition, log_change,
# log_deletions), in every app: hooking its creation records them all in one place. A single
# entry is saved (post_save); several deleted at once by the delete_selected action are
# bulk_created, which sends no signal, so LogEntryManager.log_actions is wrapped for that case.

_ADMIN_KINDS = {1: AuditEvent.ADMIN_ADDED, 2: AuditEvent.ADMIN_CHANGED, 3: AuditEvent.ADMIN_DELETED}


def _admin_label(entry):
    """The object as the audit log names it: model, label and id; a model with a 密级 (a document)
    by its kind, id and 密级, never by its title."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    if model is None:
        return f"#{entry.object_id} {entry.object_repr}"
    field_names = {f.name for f in model._meta.get_fields()}
    if "classification" in field_names:
        # The core knows no app's documents: a record with a 密级 is named by its kind, id and
        # 密级 (the admin's object_repr would be its title).
        obj = model._base_manager.filter(pk=entry.object_id).first()
        level = f"，{obj.get_classification_display()}" if obj is not None else ""
        return f"{model._meta.verbose_name}（#{entry.object_id}{level}）"
    return f"{model._meta.verbose_name} {entry.object_repr}（#{entry.object_id}）"


def _admin_detail(entry):
    import json

    try:
        messages = json.loads(entry.change_message or "[]")
    except ValueError:
        messages = []
    fields, parts = [], []
    for message in messages if isinstance(messages, list) else []:
        if "changed" in message:
            changed = message["changed"]
            if "name" in changed:  # an inline row: which row, which fields
                parts.append(f"{changed['name']}：{'、'.join(changed.get('fields', []))}")
            else:
                fields += changed.get("fields", [])
        for verb, label in (("added", "新增"), ("deleted", "删除")):
            if verb in message and message[verb]:
                parts.append(f"{label}{message[verb].get('name', '')}")
    if fields:
        parts.insert(0, "修改字段：" + "、".join(str(f) for f in fields))
    if entry.action_flag == 2 and not parts:
        parts.append("未修改字段")
    return "；".join(parts)


def audit_admin_entry(entry):
    from .services.audit_log import audit

    kind = _ADMIN_KINDS.get(entry.action_flag)
    if kind is None:
        return
    audit(kind, user=entry.user, target=_admin_label(entry), detail=_admin_detail(entry))


def _audit_log_entry(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        audit_admin_entry(instance)


def _wrap_log_actions():
    from django.contrib.admin.models import LogEntryManager

    original = LogEntryManager.log_actions
    if getattr(original, "_office_audit", False):
        return

    def log_actions(self, *args, **kwargs):
        entries = original(self, *args, **kwargs)
        if isinstance(entries, list) and len(entries) > 1:  # bulk_created: no post_save was sent
            for entry in entries:
                audit_admin_entry(entry)
        return entries

    log_actions._office_audit = True
    LogEntryManager.log_actions = log_actions


post_save.connect(_audit_log_entry, sender="admin.LogEntry", dispatch_uid="office-audit-admin")
_wrap_log_actions()
