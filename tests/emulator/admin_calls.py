"""Plain-HTTP calls of the emulator's Admin API for its own tests (no SDK)."""

from __future__ import annotations

from typing import Any, Optional

import httpx

from sketricgen.testing import Emulator


class Admin:
    """Admin API calls with one key (`Authorization: Bearer`) over a plain httpx client."""

    def __init__(self, http: httpx.Client, emu: Emulator, key: Optional[str] = None) -> None:
        self.http = http
        self.emu = emu
        self.key = emu.api_key if key is None else key

    def as_key(self, key: str) -> Admin:
        """The same calls with another key."""
        return Admin(self.http, self.emu, key)

    def call(self, method: str, path: str, **options: Any) -> httpx.Response:
        """`method` on `{admin_base_url}{path}`."""
        headers = {"Authorization": f"Bearer {self.key}", **options.pop("headers", {})}
        return self.http.request(method, self.emu.admin_base_url + path, headers=headers, **options)

    def get(self, path: str, **params: Any) -> httpx.Response:
        """GET with query parameters (None values left out)."""
        query = {k: v for k, v in params.items() if v is not None}
        return self.call("GET", path, params=query)

    def ok(self, method: str, path: str, status: int = 200, **options: Any) -> Any:
        """The JSON of an answer that must have `status`."""
        response = self.call(method, path, **options)
        assert response.status_code == status, response.text
        return response.json()

    def refused(self, method: str, path: str, status: int, code: str, **options: Any) -> str:
        """Assert an `{error, code}` answer; its message."""
        response = self.call(method, path, **options)
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/json"
        body = response.json()
        assert set(body) == {"error", "code"}, body
        assert body["code"] == code, body
        assert isinstance(body["error"], str)
        assert body["error"]
        return str(body["error"])

    def pages(self, path: str, items_key: str, **params: Any) -> list[dict[str, Any]]:
        """Every page of a next_token list, following the token until it is null."""
        pages = []
        token = None
        for _ in range(1000):
            answer = self.ok(
                "GET", path, params={**params, **({"next_token": token} if token else {})}
            )
            assert set(answer) == {items_key, "next_token"}, answer
            pages.append(answer)
            token = answer["next_token"]
            if token is None:
                return pages
            assert isinstance(token, str)
        raise AssertionError("the list never ended")


def items(pages: list[dict[str, Any]], key: str, ident: str) -> list[str]:
    """The ids of every item of every page, in order."""
    return [item[ident] for page in pages for item in page[key]]
