"""The written notices of the statutory path as PDF (GB/T 9704 page), filled from the record,
through the one PDF layer in office.pdf: 受理告知书, 不予受理告知书, 转送函, 延期告知书, 答复意见书."""

from django.conf import settings
from django.template.loader import render_to_string

from office.pdf import gbt9704_css, render_pdf

from .choices import Route
from .services import REVIEW_DAYS, day_unit


def _date(day):
    return f"{day.year}年{day.month}月{day.day}日"


def _petitioners(petition):
    names = [p.name for p in petition.petitioners.all()]
    return "、".join(names[:3]) + ("等" if len(names) > 3 else "")


def available_notices(petition) -> dict[str, str]:
    """The notices the record can fill now: {kind: title}."""
    found = {}
    if petition.route in (Route.ACCEPT, Route.ASSIGN):
        found["accept"] = "受理告知书"
    if petition.route == Route.REFUSE:
        found["refuse"] = "不予受理告知书"
    if petition.route == Route.TRANSFER:
        found["transfer"] = "转送函"
    if petition.extension_days:
        found["extend"] = "延期告知书"
    if petition.replied_on:
        found["reply"] = "答复意见书"
    return found


def notice_paragraphs(petition, kind):
    """(title, addressee, paragraphs, date) of a notice."""
    received = _date(petition.received_on)
    matter = f"您（们）于{received}提出的“{petition.title}”信访事项（编号：{petition.number}）"
    unit = day_unit()
    if kind == "accept":
        handling = (
            f"现已交由{petition.handling_department.name}办理"
            if petition.route == Route.ASSIGN and petition.handling_department
            else "现由本机关办理"
        )
        paragraphs = [
            f"{matter}，经审查，符合《信访工作条例》规定的受理条件，本机关决定予以受理，{handling}。",
            f"本机关将自受理之日起{60}{unit}内办结并出具书面答复意见，办理期限至{_date(petition.due_on)}。"
            "情况复杂的，经批准可以适当延长办理期限，延长期限将书面告知。",
        ]
        return "受理告知书", _petitioners(petition), paragraphs, petition.accepted_on
    if kind == "refuse":
        paragraphs = [
            f"{matter}，经审查，本机关决定不予受理。理由如下：",
            petition.decision_note,
            "特此告知。",
        ]
        return "不予受理告知书", _petitioners(petition), paragraphs, petition.decided_on
    if kind == "transfer":
        paragraphs = [
            f"{_petitioners(petition)}于{received}向我局反映“{petition.title}”（编号：{petition.number}）。"
            "根据《信访工作条例》有关规定，该事项属你单位职责范围，现转送你单位依法处理。",
            f"信访人诉求：{petition.request or petition.content}",
            petition.decision_note or "请依法依规处理，并按规定答复信访人。",
        ]
        return "转送函", petition.transferred_to, paragraphs, petition.decided_on
    if kind == "extend":
        paragraphs = [
            f"{matter}，因{petition.extension_reason}，经本机关负责人批准，办理期限延长{petition.extension_days}{unit}，"
            f"延长至{_date(petition.due_on)}。",
            "特此告知。",
        ]
        return "延期告知书", _petitioners(petition), paragraphs, petition.extended_on
    if kind == "reply":
        paragraphs = [f"{matter}，本机关已办理完毕，现答复如下："]
        paragraphs += [line.strip() for line in petition.reply.splitlines() if line.strip()]
        paragraphs.append(
            f"如对本答复意见不服，可以自收到本答复意见书之日起{REVIEW_DAYS}{unit}内，向本机关的上一级机关请求复查。"
        )
        return "答复意见书", _petitioners(petition), paragraphs, petition.replied_on
    raise KeyError(kind)


def notice_pdf(petition, kind) -> bytes:
    title, addressee, paragraphs, day = notice_paragraphs(petition, kind)
    html = render_to_string(
        "petitions/pdf/notice.html",
        {
            "title": title,
            "addressee": addressee,
            "paragraphs": paragraphs,
            "organisation": getattr(settings, "ORGANISATION_NAME", ""),
            "date_text": _date(day),
            "number": petition.number,
        },
    )
    return render_pdf(html, stylesheets=[gbt9704_css()])
