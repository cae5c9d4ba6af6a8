"""The viewset shape every app's API repeats: lists and details through the app's selectors,
every change through one service, the answer the record's detail as the user now sees it.

    class PetitionViewSet(ServiceViewSet):
        list_serializer = s.PetitionListSerializer
        detail_serializer = s.PetitionSerializer
        filterset_class = PetitionFilter

        def get_queryset(self):
            return selectors.petition_list(user=self.request.user)

        @extend_schema(request=s.ReasonSerializer, responses=s.PetitionSerializer)
        @action(detail=True, methods=["post"])
        def accept(self, request, pk=None):
            return self.run(s.ReasonSerializer, lambda petition, data: services.petition_accept(
                actor=request.user, petition=petition, **data))

A record the user may not see answers 404 (get_queryset is the selector, scoped to the user);
a service's ValidationError answers 400 and PermissionDenied 403 (office/errors.py).
"""

from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from .pagination import PageNumberPagination


class ServiceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    pagination_class = PageNumberPagination
    lookup_value_regex = r"[0-9]+"  # a non-numeric id is a 404, never a 500 from the database
    list_serializer = None
    detail_serializer = None
    create_serializer = None  # the input of create(), if the viewset has one

    def get_serializer_class(self):
        if self.action == "list" and self.list_serializer is not None:
            return self.list_serializer
        if self.action == "create" and self.create_serializer is not None:
            return self.create_serializer
        return self.detail_serializer

    def get_record(self, pk):
        """One record as the user may see it (a 404 otherwise). Override with the app's
        `<entity>_get` selector where the detail reads more than the list."""
        return None

    def get_object(self):
        record = self.get_record(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        if record is None:
            return super().get_object()
        self.check_object_permissions(self.request, record)
        return record

    def detail_response(self, record, status_code=status.HTTP_200_OK):
        """The record re-read through the selector, as the user sees it after the change."""
        record = self.get_record(record.pk) or self.get_queryset().get(pk=record.pk)
        return Response(self.detail_serializer(record, context=self.get_serializer_context()).data, status=status_code)

    def payload(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def run(self, serializer_class, call, status_code=status.HTTP_200_OK):
        """Validates the request body with `serializer_class` (None: no body), calls
        `call(record, data)` (one service) and answers the record's detail."""
        record = self.get_object()
        data = self.payload(serializer_class) if serializer_class is not None else {}
        result = call(record, data)
        return self.detail_response(result if isinstance(result, type(record)) else record, status_code)

    def create_with(self, call):
        """Validates the body with `create_serializer`, calls `call(data)` (one service that
        returns the new record) and answers its detail with 201."""
        record = call(self.payload(self.create_serializer))
        return self.detail_response(record, status.HTTP_201_CREATED)
