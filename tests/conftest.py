"""Personas: one person per role, so a permission test reads as a sentence."""

import fcntl
import hashlib
import tempfile
from pathlib import Path

import pytest

from office import roles
from tests.factories import DepartmentFactory, UserFactory


@pytest.fixture(autouse=True)
def _one_redis_test_at_a_time(request):
    """`make test` runs the suite in several processes (pytest-xdist). The tests that use the real
    Redis share its databases (a worker's queue, a purge, the database no worker listens on), so
    they take turns: an exclusive lock, per Redis server, held from before the test's worker starts
    until after it stops (autouse fixtures are set up first and torn down last). It also keeps two
    runs of the suite on one machine apart. (pytest-xdist's --dist loadgroup would be the tool, but
    it no longer groups on pytest 9.2: pytest-xdist issue #1386.)"""
    if not (request.node.get_closest_marker("worker") or request.node.get_closest_marker("redis")):
        yield
        return
    from django.conf import settings

    server = settings.TEST_REDIS_URL.rsplit("/", 1)[0]
    name = hashlib.sha256(server.encode()).hexdigest()[:12]
    with open(Path(tempfile.gettempdir()) / f"office-tests-redis-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


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
