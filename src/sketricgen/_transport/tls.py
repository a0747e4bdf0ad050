"""The TLS context of the httpx clients the SDK makes, built once per process.

httpx builds one per client, loading certifi's bundle (tens of milliseconds
of CPU); the SDK's sync client and each event loop's pool share this one,
which is what httpx would build (`SSL_CERT_FILE` / `SSL_CERT_DIR` honoured).
A new client starts building it in a thread (`prepare`): OpenSSL reads the
bundle without holding the GIL, so on a machine with a core to spare it is
ready by the time the first call, busy loading its modules, needs it.
"""

from __future__ import annotations

import contextlib
import os
import ssl
import threading

import httpx

__all__ = ["prepare", "tls_context"]


class _State:
    """The lock that guards the contexts, and whether a thread was started to build one."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.preparing = False


_state = _State()
_contexts: dict[tuple[str, str], ssl.SSLContext] = {}


def _key() -> tuple[str, str]:
    return (os.environ.get("SSL_CERT_FILE", ""), os.environ.get("SSL_CERT_DIR", ""))


def tls_context() -> ssl.SSLContext:
    """httpx's default TLS context for the current `SSL_CERT_FILE` / `SSL_CERT_DIR`."""
    key = _key()
    with _state.lock:  # held while `prepare`'s thread builds it: wait for that one
        context = _contexts.get(key)
        if context is None:
            context = _contexts[key] = httpx.create_ssl_context(verify=True, trust_env=True)
        return context


def _build_quietly() -> None:
    with contextlib.suppress(Exception):  # a bad SSL_CERT_FILE: the call raises it itself
        tls_context()


def prepare() -> None:
    """Start building the context in a thread, unless that started already."""
    with _state.lock:
        if _state.preparing or _key() in _contexts:
            return
        _state.preparing = True
    threading.Thread(target=_build_quietly, name="sketricgen-tls", daemon=True).start()


def _before_fork() -> None:
    # A fork waits for a build under way: a child must not inherit the lock, an import
    # lock or OpenSSL's state held by a thread it has no copy of.
    _state.lock.acquire()


def _after_fork_in_parent() -> None:
    _state.lock.release()


def _after_fork_in_child() -> None:
    _state.lock = threading.Lock()
    _state.preparing = False


if hasattr(os, "register_at_fork"):
    os.register_at_fork(
        before=_before_fork,
        after_in_parent=_after_fork_in_parent,
        after_in_child=_after_fork_in_child,
    )
