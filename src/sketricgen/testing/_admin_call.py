"""One Admin API call as its handler sees it: the key's grant, the query, the body, the checks.

Bodies are checked against the generated request models of
`sketricgen_admin_models`, strictly; queries and ids by hand. A failed
check raises `AdminError`, which the route answers as `{error, code}`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from pydantic import ValidationError
from sketricgen_admin_models._base import WireModel

from ._admin_state import AdminError, AdminState, KeyGrant, invalid

__all__ = ["Answer", "Body", "Call", "allowed", "grant_of"]

Body = dict[str, Any]
Answer = tuple[int, Any]
_Schema = type[WireModel]
_BEARER = re.compile(r"Bearer +([^\s]+)", re.IGNORECASE)


@dataclass
class Call:
    """What a handler sees: the state, the key's grant, the query, the body, the base URL."""

    admin: AdminState
    grant: KeyGrant
    query: dict[str, list[str]]
    raw_body: bytes
    base: str
    params: dict[str, str] = field(default_factory=dict)

    # -- query ----------------------------------------------------------------

    def text(self, name: str, *, required: bool = False) -> Optional[str]:
        """A query parameter given once (400 when repeated, or missing and required)."""
        values = self.query.get(name, [])
        if len(values) > 1:
            raise invalid(f"query parameter '{name}' given more than once")
        if not values or values[0] == "":
            if required:
                raise invalid(f"query parameter '{name}' is required")
            return None
        return values[0]

    def number(self, name: str, default: int, low: int, high: Optional[int]) -> int:
        """An integer query parameter within [low, high]."""
        given = self.text(name)
        if given is None:
            return default
        if not re.fullmatch(r"\d{1,9}", given) or int(given) < low or (high and int(given) > high):
            bound = f"{low}..{high}" if high else f"{low} or more"
            raise invalid(f"{name} must be an integer, {bound}")
        return int(given)

    def limit(self) -> int:
        """`limit`, 1..200 (default 50)."""
        return self.number("limit", 50, 1, 200)

    # -- body -----------------------------------------------------------------

    def body(self, schema: Optional[_Schema], *, allow_empty: bool = True) -> Body:
        """The JSON object sent, checked against `schema` (None: any fields)."""
        if not self.raw_body.strip():
            found: Any = {}
        else:
            try:
                found = json.loads(self.raw_body)
            except ValueError:
                raise invalid("the body is not valid JSON") from None
        if not isinstance(found, dict):
            raise invalid("the body must be a JSON object")
        checked: Body = found if schema is None else _checked(found, schema)
        if not checked and not allow_empty:
            raise invalid("nothing to update: the body names no field")
        return checked

    # -- checks -----------------------------------------------------------------

    def reach(self, project_id: Optional[str]) -> None:
        """403 project_scope_mismatch unless the key reaches `project_id`."""
        if not self.grant.covers(project_id):
            raise AdminError(
                403, "project_scope_mismatch",
                f"this key is not scoped to project '{project_id}'",
            )  # fmt: skip

    def project_for_create(self, given: Optional[str]) -> str:
        """The project a create lands in: the one given, or the key's only one."""
        if given is not None:
            self.admin.project(given)
            self.reach(given)
            return given
        reachable = self.admin.project_ids(self.grant)
        if len(reachable) != 1:
            raise AdminError(
                400, "project_id_required",
                "this key covers several projects: send project_id",
            )  # fmt: skip
        return reachable[0]

    def plan_allows_creation(self) -> None:
        """403 plan_downgraded while the plan is downgraded."""
        if self.admin.downgraded:
            raise AdminError(
                403, "plan_downgraded",
                "the Teamspace's plan was downgraded: new agents are not allowed",
            )  # fmt: skip

    def agent(self) -> dict[str, Any]:
        """The agent of the path, reachable by the key."""
        agent = self.admin.agent(self.params["agent_id"])
        self.reach(agent["project_id"])
        return agent

    def knowledge_base(self) -> dict[str, Any]:
        """The knowledge base of the path, reachable by the key."""
        kb = self.admin.knowledge_base(self.params["knowledge_base_id"])
        self.reach(kb["project_id"])
        return kb

    def page(
        self, kind: str, items_key: str, scope: str, rows: Callable[[int], Iterator[Any]]
    ) -> Answer:
        """A page of a next_token list: `rows(after)` gives (seq, row) after a cursor."""
        limit = self.limit()
        after, number = self.admin.cursor(kind, scope, self.text("next_token"))
        items, token = self.admin.paginate(
            kind, scope, rows(after), limit=limit, page_number=number
        )
        return 200, {items_key: items, "next_token": token}


def _checked(body: Body, schema: _Schema) -> Body:
    """`body` checked against a generated request model, strictly (no coercion).

    Unknown fields are refused (the models keep them, the emulator shows a
    client's typo); strings must not be blank. Null optional fields count as absent.
    """
    unknown = sorted(set(body) - set(schema.model_fields))
    if unknown:
        raise invalid(f"unknown field(s): {', '.join(unknown)}")
    try:
        schema.model_validate(body, strict=True)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        raise invalid(f"'{where}': {first['msg']}") from None
    for name, value in body.items():
        blank = isinstance(value, str) and not value.strip()
        if blank or (isinstance(value, list) and any(not str(v).strip() for v in value)):
            raise invalid(f"'{name}' must not be empty")
    return {name: value for name, value in body.items() if value is not None}


def grant_of(admin: AdminState, authorization: Optional[str]) -> KeyGrant:
    """The grant of the key in an `Authorization` header (401 or 403 when it has none)."""
    match = _BEARER.fullmatch((authorization or "").strip())
    if match is None:
        raise AdminError(401, "missing_token", "send Authorization: Bearer <API key>")
    grant = admin.grant(match.group(1))
    if grant is None:
        raise AdminError(401, "invalid_key", "the API key is not valid")
    if grant.status == "expired":
        raise AdminError(403, "key_expired", "the API key has expired")
    if grant.status == "revoked":
        raise AdminError(403, "key_revoked", "the API key was revoked")
    return grant


def allowed(grant: KeyGrant, needs: str) -> None:
    """403 insufficient_role unless the key may do what a route `needs` ("", "editor", "admin")."""
    refused = None
    if needs == "editor" and grant.role == "viewer":
        refused = "this key's role (viewer) may only read"
    elif needs == "admin" and (grant.role != "admin" or grant.projects is not None):
        refused = "projects and members change only with an Admin key for all projects"
    if refused is not None:
        raise AdminError(403, "insufficient_role", refused)
