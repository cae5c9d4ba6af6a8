"""API tokens with a lifetime and an idle timeout, as sessions have.

Only a hash of the key is stored: the key is shown once, when it is issued."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def new_key():
    return secrets.token_hex(20)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField("令牌摘要", max_length=64, unique=True)
    prefix = models.CharField("令牌前缀", max_length=8)
    name = models.CharField("用途", max_length=100, blank=True)
    created_at = models.DateTimeField("签发时间", default=timezone.now)
    last_used_at = models.DateTimeField("最近使用", default=timezone.now)
    created_from = models.GenericIPAddressField("签发地址", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} {self.prefix}…"

    @property
    def expires_at(self):
        """When the token lapses: at its lifetime's end, or earlier if left idle."""
        lifetime_end = self.created_at + timedelta(hours=settings.API_TOKEN_LIFETIME_HOURS)
        idle_end = self.last_used_at + timedelta(minutes=settings.API_TOKEN_IDLE_MINUTES)
        return min(lifetime_end, idle_end)

    def is_expired(self, now=None):
        return (now or timezone.now()) >= self.expires_at
