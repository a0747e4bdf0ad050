"""The TLS context of the httpx clients the SDK makes, built once per process.

httpx builds one per client, loading certifi's bundle (tens of milliseconds
of CPU); the SDK's sync client and each event loop's pool share this one,
which is what httpx would build (`SSL_CERT_FILE` / `SSL_CERT_DIR` honoured),
and the first async call builds it in a worker thread (`_warmup`).
"""

from __future__ import annotations

import os
import ssl
import threading

import httpx

__all__ = ["tls_context"]

_lock = threading.Lock()
_contexts: dict[tuple[str, str], ssl.SSLContext] = {}


def tls_context() -> ssl.SSLContext:
    """httpx's default TLS context for the current `SSL_CERT_FILE` / `SSL_CERT_DIR`."""
    key = (os.environ.get("SSL_CERT_FILE", ""), os.environ.get("SSL_CERT_DIR", ""))
    with _lock:
        context = _contexts.get(key)
        if context is None:
            context = _contexts[key] = httpx.create_ssl_context(verify=True, trust_env=True)
        return context
