"""The one FilterSet of the meeting register, shared by the HTML page and the API."""

import django_filters
from django.db.models import Exists, OuterRef, Q

from office.filters import YES_NO, ModelChoiceFilter, YearFilter

from .choices import MeetingState
from .models import Attendance, Meeting, MeetingType, Room


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="关键词")
    year = YearFilter(field_name="start", lookup_expr="year", label="年度")
    meeting_type = ModelChoiceFilter(queryset=MeetingType.objects.all(), label="会议类型", empty_label="全部")
    type_code = django_filters.CharFilter(field_name="meeting_type__code", label="类型代码")
    state = django_filters.ChoiceFilter(choices=MeetingState.choices, label="状态", empty_label="全部")
    is_video = django_filters.BooleanFilter(label="视频会议", widget=YES_NO)
    room = ModelChoiceFilter(queryset=Room.objects.all(), label="会议室", empty_label="全部")
    mine = django_filters.BooleanFilter(method="filter_mine", label="仅看我参加的", widget=YES_NO)

    class Meta:
        model = Meeting
        fields = ["q", "year", "meeting_type", "type_code", "state", "is_video", "room", "mine"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(minutes__icontains=value)) if value else queryset

    def filter_mine(self, queryset, name, value):
        if not value or not self.request:
            return queryset
        user = self.request.user
        return queryset.filter(Exists(Attendance.objects.filter(meeting=OuterRef("pk"), person=user.pk)))
