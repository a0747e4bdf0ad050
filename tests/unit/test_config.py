"""Client settings: defaults, validation at construction, the environment."""

from __future__ import annotations

import pytest

from sketricgen import SketricGenClient, SketricGenValidationError
from sketricgen._config import DEFAULT_BASE_URL, DEFAULT_UPLOAD_BASE_URL

KEY = "sk-test-0123456789abcdef"
ENV = (
    "SKETRICGEN_API_KEY",
    "SKETRICGEN_TIMEOUT",
    "SKETRICGEN_UPLOAD_TIMEOUT",
    "SKETRICGEN_MAX_RETRIES",
    "SKETRICGEN_BASE_URL",
    "SKETRICGEN_UPLOAD_BASE_URL",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def test_defaults_follow_the_docs() -> None:
    with SketricGenClient(KEY) as client:
        assert client.timeout == 300
        assert client.upload_timeout == 300
        assert client.max_retries == 3
        assert client.base_url == DEFAULT_BASE_URL
        assert client.upload_base_url == DEFAULT_UPLOAD_BASE_URL


def test_seed_keywords_and_positional_order() -> None:
    with SketricGenClient(KEY, 30, 60, 1) as client:
        assert (client.timeout, client.upload_timeout, client.max_retries) == (30, 60, 1)
    with SketricGenClient(api_key=KEY, timeout=5, upload_timeout=7, max_retries=0) as client:
        assert (client.timeout, client.upload_timeout, client.max_retries) == (5, 7, 0)


def test_repr_hides_the_key() -> None:
    with SketricGenClient(KEY) as client:
        text = repr(client)
    assert KEY not in text
    assert "***" in text


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"api_key": ""}, "api_key"),
        ({"api_key": "   "}, "api_key"),
        ({"api_key": None}, "api_key"),
        ({"api_key": 12345}, "api_key"),
        ({"api_key": "two words"}, "api_key"),
        ({"api_key": "line\nbreak"}, "api_key"),
        ({"timeout": -1}, "timeout"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": "soon"}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"timeout": True}, "timeout"),
        ({"upload_timeout": -5}, "upload_timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": 1.5}, "max_retries"),
        ({"base_url": "ftp://example.com"}, "base_url"),
        ({"base_url": "chat-v2.sketricgen.ai"}, "base_url"),
        ({"base_url": "https://example.com/?x=1"}, "base_url"),
        ({"upload_base_url": "not a url"}, "upload_base_url"),
        ({"default_headers": {"API-KEY": "other"}}, "default_headers"),
        ({"default_headers": {"x-api-key": "other"}}, "default_headers"),
        ({"default_headers": {"X-Bad": "a\r\nb"}}, "default_headers"),
        ({"default_headers": ["X-Trace"]}, "default_headers"),
        ({"max_response_size": 0}, "max_response_size"),
        ({"max_response_size": 1.5}, "max_response_size"),
        ({"max_response_size": None}, "max_response_size"),
        ({"max_event_size": -1}, "max_event_size"),
        ({"max_event_size": "16MB"}, "max_event_size"),
        ({"max_connections": 0}, "max_connections"),
        ({"max_connections": True}, "max_connections"),
    ],
)
def test_bad_settings_fail_at_construction_naming_the_setting(
    kwargs: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {"api_key": KEY, **kwargs}
    with pytest.raises(SketricGenValidationError) as caught:
        SketricGenClient(**arguments)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert field in str(caught.value)
    assert KEY not in str(caught.value)


def test_key_is_never_echoed_in_its_error() -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        SketricGenClient("sk-real-key with-a-space")
    assert "sk-real-key" not in str(caught.value)


def test_http_clients_must_be_the_right_kind() -> None:
    with pytest.raises(SketricGenValidationError, match="http_client"):
        SketricGenClient(KEY, http_client=object())  # type: ignore[arg-type]
    with pytest.raises(SketricGenValidationError, match="async_http_client"):
        SketricGenClient(KEY, async_http_client=object())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("https://chat-v2.sketricgen.ai/api/v1", "https://chat-v2.sketricgen.ai"),
        ("https://chat-v2.sketricgen.ai/api/v1/", "https://chat-v2.sketricgen.ai"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
        ("https://proxy.example/sketric", "https://proxy.example/sketric"),
    ],
)
def test_base_url_is_normalized(given: str, kept: str) -> None:
    with SketricGenClient(KEY, base_url=given) as client:
        assert client.base_url == kept


def test_from_env_reads_every_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKETRICGEN_API_KEY", KEY)
    monkeypatch.setenv("SKETRICGEN_TIMEOUT", "12.5")
    monkeypatch.setenv("SKETRICGEN_UPLOAD_TIMEOUT", "40")
    monkeypatch.setenv("SKETRICGEN_MAX_RETRIES", "0")
    monkeypatch.setenv("SKETRICGEN_BASE_URL", "http://127.0.0.1:9/api/v1")
    monkeypatch.setenv("SKETRICGEN_UPLOAD_BASE_URL", "http://127.0.0.1:9/upload")
    with SketricGenClient.from_env() as client:
        assert client.timeout == 12.5
        assert client.upload_timeout == 40
        assert client.max_retries == 0
        assert client.base_url == "http://127.0.0.1:9"
        assert client.upload_base_url == "http://127.0.0.1:9/upload"


def test_from_env_overrides_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKETRICGEN_API_KEY", KEY)
    monkeypatch.setenv("SKETRICGEN_MAX_RETRIES", "not a number")
    with SketricGenClient.from_env(max_retries=5, timeout=9) as client:
        assert (client.max_retries, client.timeout) == (5, 9)


def test_from_env_without_a_key_says_which_variable() -> None:
    with pytest.raises(SketricGenValidationError, match="SKETRICGEN_API_KEY") as caught:
        SketricGenClient.from_env()
    assert caught.value.field == "api_key"


@pytest.mark.parametrize(
    ("variable", "value", "field"),
    [
        ("SKETRICGEN_TIMEOUT", "abc", "timeout"),
        ("SKETRICGEN_TIMEOUT", "-3", "timeout"),
        ("SKETRICGEN_UPLOAD_TIMEOUT", "x", "upload_timeout"),
        ("SKETRICGEN_MAX_RETRIES", "-1", "max_retries"),
        ("SKETRICGEN_MAX_RETRIES", "2.5", "max_retries"),
        ("SKETRICGEN_BASE_URL", "localhost:8000", "base_url"),
    ],
)
def test_from_env_errors_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, field: str
) -> None:
    monkeypatch.setenv("SKETRICGEN_API_KEY", KEY)
    monkeypatch.setenv(variable, value)
    with pytest.raises(SketricGenValidationError) as caught:
        SketricGenClient.from_env()
    assert variable in str(caught.value)
    assert caught.value.field == field


def test_constructor_reads_the_hosts_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKETRICGEN_BASE_URL", "http://127.0.0.1:9/api/v1")
    monkeypatch.setenv("SKETRICGEN_UPLOAD_BASE_URL", "http://127.0.0.1:9/upload")
    client = SketricGenClient(api_key=KEY)
    assert (client.base_url, client.upload_base_url) == (
        "http://127.0.0.1:9",
        "http://127.0.0.1:9/upload",
    )
    given = SketricGenClient(api_key=KEY, base_url="https://example.test")
    assert given.base_url == "https://example.test"  # an argument wins over the environment


def test_a_bad_host_in_the_environment_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKETRICGEN_BASE_URL", "ftp://example.test")
    with pytest.raises(SketricGenValidationError, match="SKETRICGEN_BASE_URL"):
        SketricGenClient(api_key=KEY)


def test_limits_have_documented_defaults_and_are_keyword_options() -> None:
    with SketricGenClient(KEY) as client:
        config = client._config
        assert config.max_response_size == 32 * 1024 * 1024
        assert config.max_event_size == 16 * 1024 * 1024
        assert config.max_connections == 100
    with SketricGenClient(
        KEY, max_response_size=1024, max_event_size=2048, max_connections=None
    ) as client:
        config = client._config
        assert (config.max_response_size, config.max_event_size) == (1024, 2048)
        assert config.max_connections is None
