"""The app factory: database (migrated on start), work queue, routes, templates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from juesuan.web.config import Settings

HERE = Path(__file__).resolve().parent


def create_app(settings: Settings | None = None) -> FastAPI:
    from juesuan.web import migrations, timing
    from juesuan.web.db import make_engine, session_factory
    from juesuan.web.middleware import Guard
    from juesuan.web.routes import api, pages
    from juesuan.web.throttle import Throttle
    from juesuan.web.worker import WorkQueue

    s = settings or Settings()
    s.data_dir.mkdir(parents=True, exist_ok=True)
    s.uploads.mkdir(parents=True, exist_ok=True)
    s.cache.mkdir(parents=True, exist_ok=True)
    engine = make_engine(s.url)
    migrations.upgrade(engine)
    if timing.ENABLED:
        timing.watch_engine(engine)
    sessions = session_factory(engine)
    queue = WorkQueue(sessions, s.uploads, s.workers, s.worker_mode, s.cache, s.page_dpi)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        from anyio import to_thread

        to_thread.current_default_thread_limiter().total_tokens = s.threads
        lag = timing.LoopLag() if timing.ENABLED else None
        if lag is not None:
            lag.start()
        queue.start()
        try:
            yield
        finally:
            if lag is not None:
                lag.stop()
            queue.stop()
            engine.dispose()

    app = FastAPI(
        title="juesuan 决算审核",
        description="上传部门决算/预算公开文件，逐条查看、确认或驳回检查出的问题，并导出。",
        version="1",
        lifespan=lifespan,
        docs_url=None,  # the stock pages load their scripts from a CDN; /docs is ours
        redoc_url=None,
    )
    app.state.settings = s
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.in_process_db = engine.dialect.name == "sqlite"
    app.state.queue = queue
    app.state.throttle = Throttle(s.login_attempts, s.login_window)
    # several files in one request may come in; each file is held to max_upload on reading
    app.add_middleware(Guard, ceiling=s.max_upload * 4 + 1024 * 1024)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(401)
    async def unauthorized(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api") or request.url.path.startswith("/docs"):
            detail = getattr(exc, "detail", "未登录")
            return JSONResponse(
                {"detail": detail}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    return app
