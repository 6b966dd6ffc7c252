"""A small HTTP/1.1 client on asyncio streams for bench/web_load.py: one keep-alive
connection per simulated reviewer, as a browser tab has, and a cookie jar.

Why not httpx: the client shares the two cores with the server, so its own work per
request (httpx builds a request and response model, cookie jar and URL objects each time)
delays the replies it times. This one still times the whole exchange (connect if needed,
send the request, read every byte of the response) and spends 0.6-1.2 ms of CPU per
request doing so (bench/web_load.py reports it)."""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Http:
    host: str
    port: int
    headers: dict[str, str] = field(default_factory=dict)  # sent with every request
    cookies: dict[str, str] = field(default_factory=dict)
    _r: asyncio.StreamReader | None = None
    _w: asyncio.StreamWriter | None = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes = b"",
        content_type: str = "",
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> Reply:
        """Raises OSError, asyncio.IncompleteReadError or TimeoutError on a failed exchange
        (the connection is dropped and made again by the next request). Like a browser, a
        GET on a kept-alive connection that the server closed before answering (it closes
        idle ones after a few seconds) is sent once more on a new connection; the time
        taken by both attempts is the caller's to measure."""
        reused = self._w is not None
        try:
            return await asyncio.wait_for(
                self._exchange(method, path, body, content_type, headers or {}), timeout
            )
        except (ConnectionError, asyncio.IncompleteReadError) as e:
            await self.close()
            nothing = not isinstance(e, asyncio.IncompleteReadError) or not e.partial
            if not (reused and nothing and method == "GET"):
                raise
        except BaseException:
            await self.close()
            raise
        try:
            return await asyncio.wait_for(
                self._exchange(method, path, body, content_type, headers or {}), timeout
            )
        except BaseException:
            await self.close()
            raise

    async def get(self, path: str, **kw: Any) -> Reply:
        return await self.request("GET", path, **kw)

    async def post_form(self, path: str, data: dict[str, str]) -> Reply:
        return await self.request(
            "POST",
            path,
            body=urlencode(data).encode(),
            content_type="application/x-www-form-urlencoded",
        )

    async def post_json(self, path: str, data: Any) -> Reply:
        return await self.request(
            "POST", path, body=json.dumps(data).encode(), content_type="application/json"
        )

    async def post_files(self, path: str, field_name: str, name: str, data: bytes) -> Reply:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; '
                f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return await self.request(
            "POST", path, body=body, content_type=f"multipart/form-data; boundary={boundary}"
        )

    async def close(self) -> None:
        if self._w is not None:
            self._w.close()
        self._r = self._w = None

    async def _exchange(
        self, method: str, path: str, body: bytes, ctype: str, extra: dict[str, str]
    ) -> Reply:
        if self._w is None:
            self._r, self._w = await asyncio.open_connection(self.host, self.port)
        assert self._r is not None
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{k}: {v}" for k, v in {**self.headers, **extra}.items()]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        if ctype:
            lines.append(f"Content-Type: {ctype}")
        self._w.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        head = await self._r.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers: dict[str, str] = {}
        for line in header_lines:
            if not line:
                continue
            k, _, v = line.partition(":")
            k, v = k.strip().lower(), v.strip()
            if k == "set-cookie":
                self._cookie(v)
            headers[k] = f"{headers[k]}, {v}" if k in headers else v
        if headers.get("transfer-encoding", "").lower() == "chunked":
            data = await self._chunks()
        else:
            data = await self._r.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Reply(status, headers, data)

    async def _chunks(self) -> bytes:
        assert self._r is not None
        out = bytearray()
        while True:
            size = int((await self._r.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self._r.readuntil(b"\r\n")
                return bytes(out)
            out += await self._r.readexactly(size)
            await self._r.readexactly(2)

    def _cookie(self, value: str) -> None:
        pair, *attrs = value.split(";")
        name, _, val = pair.strip().partition("=")
        gone = val in ("", '""') or any(a.strip().lower() == "max-age=0" for a in attrs)
        if gone:
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = val
