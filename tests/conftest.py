"""Personas: one person per role, so a permission test reads as a sentence."""

import pytest

from office import roles
from tests.factories import DepartmentFactory, UserFactory


@pytest.fixture
def office_dept(db):
    return DepartmentFactory(name="办公室", code="office")


@pytest.fixture
def planning(db):
    return DepartmentFactory(name="规划科", code="planning")


@pytest.fixture
def other_dept(db):
    return DepartmentFactory(name="河湖管理科", code="rivers")


@pytest.fixture
def clerk(office_dept):
    return UserFactory(username="clerk", name="王文书", department=office_dept, roles=[roles.CLERK])


@pytest.fixture
def handler(planning):
    return UserFactory(username="handler", name="李承办", department=planning, roles=[roles.HANDLER])


@pytest.fixture
def planning_head(planning):
    return UserFactory(username="planhead", name="赵科长", department=planning, roles=[roles.DEPARTMENT_HEAD])


@pytest.fixture
def other_handler(other_dept):
    return UserFactory(username="otherhandler", name="周承办", department=other_dept, roles=[roles.HANDLER])


@pytest.fixture
def leader(office_dept):
    return UserFactory(username="leader", name="陈局长", department=None, roles=[roles.LEADER])


@pytest.fixture
def hr(db):
    dept = DepartmentFactory(name="人事科", code="hr")
    return UserFactory(username="hr", name="孙人事", department=dept, roles=[roles.HR])


@pytest.fixture
def party(db):
    dept = DepartmentFactory(name="机关党委", code="party")
    return UserFactory(username="party", name="吴党务", department=dept, roles=[roles.PARTY])


@pytest.fixture
def administrator(office_dept):
    user = UserFactory(username="admin", name="郑管理", department=office_dept, roles=[roles.ADMINISTRATOR])
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@pytest.fixture
def outsider(db):
    """Signed in, but with no role and no department."""
    return UserFactory(username="outsider", name="访客", department=None)


@pytest.fixture
def petitions_officer(office_dept):
    return UserFactory(username="petitions", name="钱信访", department=office_dept, roles=[roles.PETITIONS])
