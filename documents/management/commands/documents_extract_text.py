"""Extracts the text of attachments uploaded before the extraction task existed (once each)."""

from django.core.management.base import BaseCommand

from documents.choices import TextStatus
from documents.models import Attachment, BodyVersion
from documents.services.extraction import attachment_extract_text, version_extract_text


class Command(BaseCommand):
    help = "提取此前上传、尚未提取文字的附件和正文版本的文字（每个文件只提取一次，可重复运行）"

    def handle(self, *args, **options):
        done = dict.fromkeys(TextStatus.values, 0)
        for pk in Attachment.objects.filter(text_status=TextStatus.NONE).values_list("pk", flat=True).iterator():
            attachment = attachment_extract_text(attachment_id=pk)
            done[attachment.text_status] += 1
        versions = BodyVersion.objects.filter(text_status__in=(TextStatus.NONE, TextStatus.PENDING)).exclude(file="")
        for pk in versions.values_list("pk", flat=True).iterator():
            version = version_extract_text(version_id=pk)
            done[version.text_status] += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"已提取 {done[TextStatus.DONE] + done[TextStatus.TRUNCATED]} 个文件的文字"
                f"（其中超长截断 {done[TextStatus.TRUNCATED]} 个），提取失败 {done[TextStatus.FAILED]} 个。"
            )
        )
