"""Passwords (argon2), random tokens stored only as hashes, and CSRF token comparison.
Login throttling is in ``throttle.py`` (its state is in the database)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

# argon2-cffi's defaults (RFC 9106 low-memory profile); tests lower them to save time.
# A stored hash carries its own parameters, so verifying never depends on this.
COST: dict[str, Any] = {}


def hash_password(password: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher(**COST).hash(password)


def verify_password(pw_hash: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher(**COST).verify(pw_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A fixed hash to verify against when the user does not exist, so that a wrong name and a
# wrong password take the same time.
_DUMMY: list[str] = []


def dummy_verify(password: str) -> None:
    if not _DUMMY:
        _DUMMY.append(hash_password(secrets.token_hex(8)))
    verify_password(_DUMMY[0], password)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Tokens are kept as SHA-256 only: a leaked database gives no usable session."""
    return hashlib.sha256(token.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
