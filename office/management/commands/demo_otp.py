"""Prints the current code of the demo's published TOTP secret (office.demo.DEMO_TOTP_SECRET)."""

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP


class Command(BaseCommand):
    help = "显示演示账号（局领导、系统管理员）当前的两步验证动态验证码（公开的演示密钥）。"

    def handle(self, *args, **options):
        from office.demo import demo_totp_key

        totp = TOTP(bytes.fromhex(demo_totp_key()))
        remaining = 30 - int(totp.time) % 30
        self.stdout.write(f"{totp.token():06d}（{remaining} 秒内有效）")
