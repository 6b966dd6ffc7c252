"""The reviewers' web app (``juesuan serve``): upload, review findings in place, export.

Built only on ``juesuan.api``; nothing here reaches into readers or rules. Needs the
``web`` extra (FastAPI, SQLAlchemy, Alembic, argon2-cffi); nothing else imports it.
"""
