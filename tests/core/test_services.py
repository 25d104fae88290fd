import pytest

from chidao.core import audit
from chidao.core.errors import AccessDenied, Conflict, ServiceError
from chidao.core.models import AuditEntry, Role, User
from chidao.core.services import do_admin_save, do_create_user, save_changes


def test_create_user_is_audited_without_the_password(admin_user, orgs):
    user = do_create_user(
        admin_user,
        username="donvi1",
        password="mot-mat-khau-dai",
        role=Role.UNIT,
        organization=orgs["cao_loc"],
    )
    entry = AuditEntry.objects.get(action="user.create")
    assert entry.actor == admin_user
    assert entry.object_id == str(user.pk)
    assert entry.before is None
    assert entry.after["username"] == "donvi1"
    assert user.check_password("mot-mat-khau-dai")


def test_unit_user_without_body_refused_and_nothing_written(admin_user, audit_count):
    before = (User.objects.count(), audit_count())
    with pytest.raises(ServiceError, match="phải thuộc một cơ quan"):
        do_create_user(admin_user, username="x", password=None, role=Role.UNIT)
    assert (User.objects.count(), audit_count()) == before


def test_only_administrators_create_users(office_user, audit_count):
    before = audit_count()
    with pytest.raises(AccessDenied):
        do_create_user(office_user, username="x", password=None)
    assert audit_count() == before


def test_save_changes_refuses_a_stale_version(admin_user, orgs):
    org = orgs["cao_loc"]
    stale_version = org.version
    save_changes(admin_user, "org.update", org, {"short_name": "HU Cao Lộc"})
    with pytest.raises(Conflict, match="người khác sửa"):
        save_changes(
            admin_user, "org.update", org, {"short_name": "khác"}, expected_version=stale_version
        )
    org.refresh_from_db()
    assert org.short_name == "HU Cao Lộc"


def test_save_changes_records_before_and_after(admin_user, orgs):
    org = orgs["finance"]
    save_changes(admin_user, "org.update", org, {"symbol": "STC-LS"})
    entry = audit.history(org).first()
    assert entry.before["symbol"] == "STC"
    assert entry.after["symbol"] == "STC-LS"
    assert entry.after["version"] == entry.before["version"] + 1


def test_admin_edits_are_audited_and_refused_to_others(admin_user, office_user, orgs):
    org = orgs["finance"]
    org.symbol = "TC"
    do_admin_save(admin_user, org, is_new=False)
    assert audit.history(org).first().action == "admin.update"
    with pytest.raises(AccessDenied):
        do_admin_save(office_user, org, is_new=False)
