"""Every read the documents pages and endpoints make, restricted to what the user may see."""

from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, Value, When
from django.http import Http404
from django.utils import timezone

from office.selectors import restrict_to_department

from . import search  # noqa: F401 - registers the `pk__any_of` lookup
from .choices import IncomingStatus, OutgoingStatus
from .models import (
    ArchiveItem,
    CirculationReader,
    Countersign,
    IncomingDocument,
    Instruction,
    OutgoingDocument,
    Proposal,
    PublicityItem,
)
from .permissions import can_manage_incoming, sees_all_documents

INCOMING_OPEN = [
    IncomingStatus.RECEIVED,
    IncomingStatus.REGISTERED,
    IncomingStatus.REVIEWED,
    IncomingStatus.PROPOSED,
    IncomingStatus.INSTRUCTED,
    IncomingStatus.HANDLING,
    IncomingStatus.CIRCULATING,
]


def _overdue(today):
    return Case(
        When(deadline__lt=today, status__in=INCOMING_OPEN, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


# The 收文 a person or a department reaches besides those their department leads, as id sets
# (hashed once per query, not a correlated EXISTS per row): the one definition the register's scope
# and the search's reach (search.Reach) both use.
def _read_by(user_id):
    return CirculationReader.objects.filter(reader_id=user_id).values("document_id")


def _department_reaches(department_id):
    co = IncomingDocument.co_departments.through.objects.filter(department_id=department_id)
    return [
        co.values("incomingdocument_id"),
        CirculationReader.objects.filter(reader__department_id=department_id).values("document_id"),
    ]


def _incoming_scope(queryset, user, keys="in"):
    """The clerk and leaders see all; a department sees what it handles, co-handles or reads.

    `keys="any_of"` writes the rows reached by key as `= ANY(ARRAY(…))` (search.AnyOf), for the
    planner's estimate only: `IN (subquery)` inside an OR is guessed at half the table (a
    department's 110,000 documents read "约 89万 条"), but as an index condition PostgreSQL would
    also AND the department's whole index range into every search, which is slower."""

    def department_rows(dept):
        condition = Q(pk__in=[])
        for rows in _department_reaches(dept):
            condition |= Q(**{f"pk__{keys}": rows})
        return condition

    return restrict_to_department(
        queryset,
        user,
        department_field="lead_department_id",
        person_rows=lambda user_id: Q(**{f"pk__{keys}": _read_by(user_id)}),
        department_rows=department_rows,
    )


def incoming_estimated(*, user):
    """The user's 收文 as the planner estimates them right (see _incoming_scope): for the
    paginator's estimate of a list, never for its rows."""
    return _incoming_scope(IncomingDocument.objects.all(), user, keys="any_of")


def incoming_split(user, documents):
    """`documents()` (收文 filtered but not scoped, asked for only when there is a split) as the
    user's two disjoint parts, without the OR of _incoming_scope, for a search read in date order
    (documents.search.Split: the department's, along their own date index, and the others it
    reaches by key): (department, its column, the documents, those reached). None for those who
    see everything and those without a department. Together they are the rows _incoming_scope
    gives."""
    from office.permissions import sees_everything

    if not user.is_authenticated or sees_everything(user) or not user.department_id:
        return None
    department = user.department_id
    reached = Q(pk__in=[])
    for rows in [_read_by(user.pk), *_department_reaches(department)]:
        reached |= Q(pk__any_of=rows)
    documents = documents()
    return department, "lead_department_id", documents, documents.filter(reached).exclude(lead_department_id=department)


def incoming_reach(user):
    """The scope of _incoming_scope as the search can use it (documents.search.Reach): the
    department's documents by the department lexeme, the co-handled and read ones by key. None
    for those who see every department (and for no one signed in: the scope refuses them)."""
    from office.permissions import sees_everything

    from .search import Reach

    if not user.is_authenticated or sees_everything(user):
        return None
    rows = [_read_by(user.pk)]
    if user.department_id:
        rows += _department_reaches(user.department_id)
    return Reach(department=user.department_id, rows=tuple(rows))


# The search columns (a tsvector of every bigram, the extracted text of the 正文 and attachments)
# are the database's to search, never shown: a page of 20 rows would carry megabytes of them.
SEARCH_COLUMNS = ("search_vector", "search_public", "search_extra")


def incoming_rows(*, today=None):
    """收文 as the register shows them, of every department: only ever read through a scope
    (incoming_list, or a FilterSet given incoming_scope)."""
    today = today or timezone.localdate()
    queryset = IncomingDocument.objects.select_related("lead_department", "responsible").defer(*SEARCH_COLUMNS)
    return queryset.annotate(is_overdue=_overdue(today)).order_by("-received_at", "-id")


def incoming_scope(user):
    """The user's scope as a callable over 收文 (_incoming_scope), for a FilterSet that applies it
    unless its search splits the user's records itself (documents.filters._Search)."""
    return lambda queryset: _incoming_scope(queryset, user)


def incoming_list(*, user, today=None):
    return incoming_scope(user)(incoming_rows(today=today))


def incoming_get(*, user, pk):
    try:
        return (
            incoming_list(user=user)
            .select_related("created_by", "registered_by", "instructing_leader")
            .prefetch_related("co_departments")
            .get(pk=pk)
        )
    except (IncomingDocument.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该收文，或您无权查看。") from None


def incoming_steps(document):
    return document.steps.select_related("actor").order_by("created_at", "id")


def incoming_readers(document):
    return document.readers.select_related("reader__department").order_by("sent_at", "id")


def _outgoing_scope(queryset, user, keys="in"):
    def countersigning(dept):  # keys: as in _incoming_scope
        return Q(**{f"pk__{keys}": Countersign.objects.filter(department_id=dept).values("document_id")})

    return restrict_to_department(
        queryset, user, department_field="department_id", person_field="drafter", department_rows=countersigning
    )


def outgoing_split(user, documents):
    """`documents()` (发文 filtered but not scoped) as the user's two disjoint parts, as
    incoming_split: the department's (拟稿科室), along their own date index, and the others it
    reaches (the user's own drafts elsewhere, those its department countersigns) by key or drafter.
    None for those who see everything and those without a department."""
    from office.permissions import sees_everything

    if not user.is_authenticated or sees_everything(user) or not user.department_id:
        return None
    department = user.department_id
    countersigned = Countersign.objects.filter(department_id=department).values("document_id")
    reached = Q(drafter_id=user.pk) | Q(pk__any_of=countersigned)
    documents = documents()
    return department, "department_id", documents, documents.filter(reached).exclude(department_id=department)


def outgoing_estimated(*, user):
    """The user's 发文 as the planner estimates them right (incoming_estimated)."""
    return _outgoing_scope(OutgoingDocument.objects.all(), user, keys="any_of")


OUTGOING_PEOPLE = ("drafter", "signer", "reviewer", "signing_leader")


def outgoing_rows(*, people=OUTGOING_PEOPLE):
    """发文 as the register shows them, of every department: only ever read through a scope
    (outgoing_list, or a FilterSet given outgoing_scope). `people`: the people the caller shows
    (the register page and the export: 拟稿人 and 签发人), read by key after the rows (prefetch):
    seven joined tables cost the planner ~15 ms per page to order, more than the page itself."""
    queryset = (
        OutgoingDocument.objects.select_related("department", "issuing_code")
        .prefetch_related(*people)
        .defer(*SEARCH_COLUMNS)
    )
    return queryset.order_by("-created_at", "-id")


def outgoing_scope(user):
    """The user's scope as a callable over 发文 (incoming_scope)."""
    return lambda queryset: _outgoing_scope(queryset, user)


def outgoing_list(*, user, people=OUTGOING_PEOPLE):
    return outgoing_scope(user)(outgoing_rows(people=people))


def outgoing_get(*, user, pk):
    try:
        return outgoing_list(user=user).get(pk=pk)
    except (OutgoingDocument.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该发文，或您无权查看。") from None


def outgoing_steps(document):
    return document.steps.select_related("actor").order_by("created_at", "id")


def outgoing_countersigns(document):
    return document.countersigns.select_related("department", "signed_by").order_by("id")


def waiting_documents(*, user, limit=50, today=None):
    """The documents waiting for a person, overdue first, then by deadline:
    - the office: documents to register, review, propose or send to a department;
    - a leader: documents proposed for their 批办;
    - a department: documents it leads and has not finished;
    - anyone: documents circulating to them that they have not read (marked 传阅中).
    Each row has `waiting_as` (a short label) and `is_overdue`."""
    today = today or timezone.localdate()
    # The unread documents circulating to the person, as a list of ids read first (a handful): a
    # subquery inside the OR would keep the planner from the partial index of the open documents.
    unread = list(
        CirculationReader.objects.filter(reader=user, read_at__isnull=True).values_list("document_id", flat=True)
    )
    conditions = Q(pk__in=unread, status=IncomingStatus.CIRCULATING) if unread else Q(pk__in=[])
    office = can_manage_incoming(user)
    if office:
        # One equality per status, not an IN list: PostgreSQL proves that an OR of equalities lies
        # within the partial index's statuses, not an IN list inside an OR.
        for status in (
            IncomingStatus.RECEIVED,
            IncomingStatus.REGISTERED,
            IncomingStatus.REVIEWED,
            IncomingStatus.INSTRUCTED,
        ):
            conditions |= Q(status=status)
    if user.has_perm("documents.instruct_incomingdocument"):
        conditions |= Q(status=IncomingStatus.PROPOSED) & (
            Q(instructing_leader__isnull=True) | Q(instructing_leader=user)
        )
    if user.department_id:
        conditions |= Q(status=IncomingStatus.HANDLING, lead_department_id=user.department_id)
    waiting_as = Case(
        When(status=IncomingStatus.CIRCULATING, then=Value("传阅中")),
        When(status=IncomingStatus.PROPOSED, then=Value("待批办")),
        When(status=IncomingStatus.HANDLING, then=Value("待办结")),
        When(status=IncomingStatus.RECEIVED, then=Value("待登记")),
        When(status=IncomingStatus.REGISTERED, then=Value("待初审")),
        When(status=IncomingStatus.REVIEWED, then=Value("待拟办")),
        When(status=IncomingStatus.INSTRUCTED, then=Value("待分办")),
        default=Value(""),
    )
    # Overdue first, then by deadline: every row here is open, so that is the deadline's order (an
    # overdue deadline is before any other; none last). The keys come first, from the partial index
    # of the open documents alone (incoming_waiting_idx, in this order, holding every column the
    # conditions read: no table row is read for the thousands a busy clerk has waiting), then the
    # page's rows by key.
    order = (F("deadline").asc(nulls_last=True), "-received_at", "-id")
    keys = list(
        IncomingDocument.objects.filter(conditions)
        .order_by(*order)
        .values_list("pk", flat=True)[:limit]
    )
    return (
        IncomingDocument.objects.filter(pk__in=keys)
        .select_related("lead_department")
        .defer(*SEARCH_COLUMNS)
        .annotate(is_overdue=_overdue(today), waiting_as=waiting_as)
        .order_by(*order)
    )


def waiting(*, user) -> dict:
    """The 公文待办 of a person, for the page and the API: {"incoming": [...], "outgoing": [...]}."""
    return {"incoming": list(waiting_documents(user=user)), "outgoing": list(waiting_outgoing(user=user))}


def supervised_item_ids(documents) -> dict:
    """{document id: its open supervised item's id} for the documents given, in one query."""
    from django.contrib.contenttypes.models import ContentType

    from office.choices import SupervisionStatus
    from office.models import SupervisedItem

    if not documents:
        return {}
    content_type = ContentType.objects.get_for_model(documents[0])
    rows = SupervisedItem.objects.filter(
        source_type=content_type, source_id__in=[d.pk for d in documents], status=SupervisionStatus.OPEN
    ).values_list("source_id", "pk")
    return dict(rows)


def waiting_outgoing(*, user, limit=50):
    """Drafts waiting for the person: 核稿 for the reviewer the drafter chose (never the drafter),
    编号/印发 for the office, 签发 for the leader chosen, 会签 for a department asked to co-sign,
    returned drafts for their drafter (the rules of OUTGOING_STEPS)."""
    conditions = Q(status=OutgoingStatus.RETURNED, drafter=user)
    if user.has_perm("documents.review_outgoingdocument"):
        conditions |= Q(Q(reviewer=user) | Q(reviewer__isnull=True), status=OutgoingStatus.REVIEW) & ~Q(drafter=user)
    if user.has_perm("documents.manage_outgoingdocument"):
        conditions |= Q(status__in=[OutgoingStatus.SIGNED, OutgoingStatus.NUMBERED])
    if user.has_perm("documents.sign_outgoingdocument"):
        conditions |= Q(Q(signing_leader=user) | Q(signing_leader__isnull=True), status=OutgoingStatus.SIGNING)
    if user.department_id:
        pending = Countersign.objects.filter(
            document=OuterRef("pk"), department_id=user.department_id, signed_at__isnull=True
        )
        conditions |= Q(Exists(pending), status=OutgoingStatus.COUNTERSIGN)
    return (
        OutgoingDocument.objects.filter(conditions)
        # The people the API names (核稿人, 签发领导) with the drafter: at most 50 rows, one query.
        .select_related("department", "drafter", "reviewer", "signing_leader")
        .defer(*SEARCH_COLUMNS)
        .order_by("created_at", "id")[:limit]
    )


def proposal_list(*, user):
    queryset = Proposal.objects.select_related("lead_department", "responsible")
    if not sees_all_documents(user):
        dept = user.department_id
        co = Proposal.co_departments.through.objects.filter(proposal_id=OuterRef("pk"), department_id=dept)
        queryset = queryset.filter(Q(lead_department_id=dept) | Exists(co) | Q(responsible=user))
    return queryset.order_by("-assigned_on", "-id")


def proposal_get(*, user, pk):
    try:
        return proposal_list(user=user).prefetch_related("co_departments").get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该建议提案，或您无权查看。") from None


def instruction_list(*, user):
    queryset = Instruction.objects.select_related("leader", "department", "responsible", "incoming")
    if not sees_all_documents(user):
        queryset = queryset.filter(Q(department_id=user.department_id) | Q(responsible=user))
    return queryset.order_by("-instructed_on", "-id")


def instruction_get(*, user, pk):
    try:
        return instruction_list(user=user).get(pk=pk)
    except (Instruction.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该批示，或您无权查看。") from None


def archive_list(*, user):
    queryset = ArchiveItem.objects.select_related("department")
    if not sees_all_documents(user):
        queryset = queryset.filter(department_id=user.department_id)
    return queryset.order_by("-year", "retention", "org_code", "piece_number")


def publicity_list(*, user):
    return PublicityItem.objects.select_related("department").order_by("-published_on", "-id")


def instruction_completion_rates(*, user):
    """Completion by the year the instructions fell due: all (not voided), completed, on time
    and the rates, one GROUP BY whatever the number of instructions."""
    from django.db.models import Count, F
    from django.db.models.functions import ExtractYear

    from .choices import InstructionStatus

    rows = (
        instruction_list(user=user)
        .exclude(status=InstructionStatus.VOIDED)
        .annotate(due_year=ExtractYear("deadline"))
        .values("due_year")
        .annotate(
            total=Count("pk"),
            completed=Count("pk", filter=Q(status=InstructionStatus.COMPLETED)),
            on_time=Count("pk", filter=Q(status=InstructionStatus.COMPLETED, completed_on__lte=F("deadline"))),
        )
        .order_by("-due_year")
    )
    result = []
    for row in rows:
        total = row["total"]
        row["rate"] = round(row["completed"] * 100 / total, 1) if total else None
        row["on_time_rate"] = round(row["on_time"] * 100 / total, 1) if total else None
        result.append(row)
    return result


def publicity_counts(*, year):
    """Published items of a year by channel (voided ones excluded)."""
    from django.db.models import Count

    from .choices import PublicityChannel

    counts = dict(
        PublicityItem.objects.filter(published_on__year=year, voided_at__isnull=True)
        .values_list("channel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [{"channel": c, "label": label, "count": counts.get(c, 0)} for c, label in PublicityChannel.choices]
