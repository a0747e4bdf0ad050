"""client.members and client.usage against the emulator, async and sync."""

from __future__ import annotations

import pytest

from sketricgen import SketricGenValidationError
from sketricgen.admin import Member, Usage
from tests.admin.conftest import Admin

pytestmark = pytest.mark.emulator


def test_members_list_page_and_update_role(admin: Admin) -> None:
    members = admin.members.list(limit=2)
    assert [m.role for m in members] == ["admin", "editor", "viewer"]
    assert all(isinstance(m, Member) for m in members)
    assert len(admin.requests()) == 2
    page = admin.members.page(limit=2)
    assert len(page) == 2
    assert page.has_more
    viewer = members[2]
    changed = admin.members.update_role(viewer.user_uuid, "editor")
    assert isinstance(changed, Member)
    assert (changed.user_uuid, changed.role) == (viewer.user_uuid, "editor")
    assert admin.emulator.admin.members[viewer.user_uuid]["role"] == "editor"
    update = admin.requests()[-1]
    assert (update.method, update.path) == ("PATCH", f"/admin/v1/members/{viewer.user_uuid}")
    assert update.json() == {"role": "editor"}


@pytest.mark.parametrize(("user_uuid", "role", "field"), [("", "admin", "user_uuid"),
                                                           ("u-1", "owner", "role"),
                                                           ("u-1", None, "role")])  # fmt: skip
def test_update_role_refuses_bad_input_before_any_request(
    admin: Admin, user_uuid: str, role: str, field: str
) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        admin.members.update_role(user_uuid, role)
    assert caught.value.field == field
    assert admin.requests() == []


def test_usage_counts_the_runs(admin: Admin) -> None:
    before = admin.usage.get()
    assert isinstance(before, Usage)
    assert before.subscription_plan == "pro"
    admin.client.run_workflow_sync("agent-123", "Hello")
    after = admin.usage.get()
    assert after.credits_used is not None
    assert before.credits_used is not None
    assert after.credits_used > before.credits_used
    assert [r.path for r in admin.requests()] == ["/admin/v1/usage"] * 2
