"""Demo: a draft summary of the current year, refreshed from the other apps' demo records."""

from django.conf import settings
from django.utils import timezone

from office.models import User

from . import services
from .apps import PLACEHOLDER_ORGANISATION
from .models import Summary

PROBLEMS = (
    "一年来办公室工作虽然取得了一定成效，但对照局党组的要求仍有差距：一是统筹协调的主动性还不够，"
    "有的工作跟着任务走、靠前谋划不足；二是督查督办跟踪问效不够及时，个别事项办结时间偏长；"
    "三是人员力量偏紧，文稿起草、信息宣传和后勤保障任务叠加时容易顾此失彼。"
)
PLANS = (
    "一是提高综合协调水平，对局党组部署的重点工作建立清单、明确时限、定期调度。\n"
    "二是规范办文办会，推进公文网上流转和会议材料电子化，压缩办文环节和时限。\n"
    "三是加强信息宣传，完善信息报送通报制度，办好门户网站和微信公众号。\n"
    "四是做好后勤保障，严格执行公务接待、公务用车和会议管理的有关规定。"
)


# A realistic fictional bureau for the demo's title and 落款, when the installation still has
# the placeholder name (a real installation sets ORGANISATION_NAME; see reports.apps' check).
DEMO_ORGANISATION = "滨河市水利局"


def demo_organisation():
    name = settings.ORGANISATION_NAME
    return DEMO_ORGANISATION if name in ("", PLACEHOLDER_ORGANISATION) else name


def seed(stdout=None):
    year = timezone.localdate().year
    organisation = demo_organisation()
    if Summary.objects.filter(organisation=organisation, year=year).exists():
        return
    clerk = User.objects.filter(username="clerk").first()
    if clerk is None:
        return
    summary = services.summary_create(actor=clerk, year=year, organisation=organisation)
    sections = {s.code: s for s in summary.sections.all()}
    services.section_edit(actor=clerk, section=sections["problems"], text_value=PROBLEMS)
    services.section_edit(actor=clerk, section=sections["plans"], text_value=PLANS)
    if stdout:
        stdout.write(f"年度工作总结：{summary.title}（草稿）")
