"""The 干部任免审批表 (the standard one-page appointment approval form) as PDF, filled from the
records, through the one PDF layer in office.pdf. It carries personal data in full, so only HR
(and the person themselves) may print it."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from office.pdf import render_pdf

from . import permissions, selectors


def _age(person):
    return person.age_on(timezone.localdate())


def appointment_form_pdf_bytes(person, appointment=None) -> bytes:
    assessments = list(person.assessments.exclude(grade="").select_related("round").order_by("-round__year")[:3])
    appointment = appointment or person.appointments.filter(voided_at__isnull=True).order_by("-effective_date").first()
    html = render_to_string(
        "personnel/pdf/appointment_form.html",
        {
            "person": person,
            "age": _age(person),
            "appointment": appointment,
            "resume_lines": [line for line in person.resume.splitlines() if line.strip()],
            "assessments": assessments,
            "today": timezone.localdate(),
        },
    )
    return render_pdf(html, stylesheets=[get_template("personnel/pdf/appointment_form.css").template.source])


@login_required
def appointment_form_pdf(request, pk):
    person = selectors.person_get(user=request.user, pk=pk)
    if not (permissions.can_manage(request.user) or permissions.is_own(request.user, person)):
        raise PermissionDenied("只有人事可以打印干部任免审批表。")
    response = HttpResponse(appointment_form_pdf_bytes(person), content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''appointment-{person.pk}.pdf"
    return response
