"""Bookkeeping on login, logout and password change."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.models import Session
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from .middleware import SESSION_LOGIN_AT
from .models import LoginSession, User


@receiver(user_logged_in)
def _record_login_session(sender, request, user, **kwargs):
    # login() has already cycled the session key, so this is the new session's key.
    request.session[SESSION_LOGIN_AT] = time.time()
    if not request.session.session_key:
        request.session.save()
    LoginSession.objects.get_or_create(user=user, session_key=request.session.session_key)


@receiver(user_logged_out)
def _forget_login_session(sender, request, user, **kwargs):
    if user is not None and request.session.session_key:
        LoginSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(pre_save, sender=User)
def _track_password_and_activity(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None:
        if instance.password_changed_at is None:
            instance.password_changed_at = timezone.now()
        return
    previous = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if previous is None:
        return
    if previous["password"] != instance.password:
        instance.password_changed_at = timezone.now()
        if update_fields is not None:
            update_fields = set(update_fields) | {"password_changed_at"}
    if previous["is_active"] and not instance.is_active:
        end_sessions(instance)


def end_sessions(user):
    keys = list(LoginSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    LoginSession.objects.filter(user=user).delete()
