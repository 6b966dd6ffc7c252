"""Login throttling, with its state in the database so that it holds across server
processes and restarts (several ``juesuan serve`` behind one proxy share one database)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from juesuan.web.db import LoginAttempt, now


class Throttle:
    """At most ``limit`` unsuccessful attempts per key within ``window`` seconds.

    An attempt is recorded (and committed) before its password is verified, and forgotten
    only when it succeeds: attempts sent all at once are counted, not only the ones whose
    verification has already failed."""

    def __init__(self, limit: int, window: int) -> None:
        self.limit, self.window = limit, timedelta(seconds=window)

    def attempt(self, db: Session, key: str) -> bool:
        """Record an attempt for ``key``; False when it is over the limit (refuse it)."""
        t = now()
        db.execute(delete(LoginAttempt).where(LoginAttempt.at <= t - self.window))
        db.add(LoginAttempt(key=key[:200], at=t))
        db.commit()
        n = db.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(LoginAttempt.key == key[:200], LoginAttempt.at > t - self.window)
        )
        return int(n or 0) <= self.limit

    def succeeded(self, db: Session, key: str) -> None:
        db.execute(delete(LoginAttempt).where(LoginAttempt.key == key[:200]))
        db.commit()
