"""Factories shared by every app's tests."""

import datetime

import factory
from django.contrib.auth.models import Group

from office.choices import DepartmentKind
from office.models import Department, SupervisedItem, User
from office.roles import ROLES, sync_roles

DEFAULT_PASSWORD = "Office#2026pw"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"测试科{n}")
    code = factory.Sequence(lambda n: f"dept{n}")
    kind = DepartmentKind.SECTION


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"测试用户{n}")
    department = factory.SubFactory(DepartmentFactory)
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.cn")
    phone = "13812345678"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            self.save(update_fields=["password", "password_changed_at"])

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            names = [ROLES[code].group for code in extracted]
            groups = list(Group.objects.filter(name__in=names))
            if len(groups) < len(names):
                # A transactional test emptied the tables the migrations filled.
                sync_roles()
                groups = list(Group.objects.filter(name__in=names))
            self.groups.add(*groups)


class SupervisedItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisedItem

    title = factory.Sequence(lambda n: f"督办事项{n}")
    category = "special"
    owner_department = factory.SubFactory(DepartmentFactory)
    responsible = factory.SubFactory(UserFactory, department=factory.SelfAttribute("..owner_department"))
    start_date = datetime.date(2025, 3, 3)
    deadline = datetime.date(2025, 3, 31)
    created_by = factory.SelfAttribute("responsible")
