"""A local stand-in for data.gov.in's resource API, written from its documented
format: ``GET /resource/<id>?api-key=&format=json&offset=&limit=&filters[...]=``
answering ``{"records": [...], "total": N, "count": n, "offset": o, "limit": l}``
with records of state, district, market, commodity, variety, grade,
arrival_date (dd/mm/yyyy), min_price, max_price, modal_price (strings, as the
real API sends them).

A test gives it the day's records and a script of trouble per offset
("429", "timeout", "403"); every request is recorded.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

RESOURCE = "9ef84268-d588-465a-a308-a864a43d0070"
GOOD_KEY = "test-key"


def record(market, commodity, day, modal, *, low=None, high=None, variety="Other", state="Delhi"):
    modal = str(modal)
    return {
        "state": state,
        "district": state,
        "market": market,
        "commodity": commodity,
        "variety": variety,
        "grade": "FAQ",
        "arrival_date": day.strftime("%d/%m/%Y") if hasattr(day, "strftime") else day,
        "min_price": str(low if low is not None else modal),
        "max_price": str(high if high is not None else modal),
        "modal_price": modal,
    }


class FakeDataGovIn:
    def __init__(self):
        self.records: list[dict] = []
        self.trouble: dict[int, list[str]] = {}  # offset -> what the next requests get
        self.requests: list[dict] = []
        self.sleep_s = 1.0
        server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        server.daemon_threads = True
        self.server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}/resource/"
        self.thread = threading.Thread(target=server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def offsets(self) -> list[int]:
        return [int(r["offset"]) for r in self.requests]

    def answer(self, path: str, query: dict) -> tuple[int, dict, dict]:
        self.requests.append(query)
        if not path.endswith(RESOURCE):
            return 404, {}, {"error": "unknown resource"}
        if query.get("api-key") != GOOD_KEY:
            return 403, {}, {"error": "Key not authorised"}
        offset, limit = int(query.get("offset", 0)), int(query.get("limit", 10))
        planned = self.trouble.get(offset) or []
        if planned:
            what = planned.pop(0)
            if what == "429":
                return 429, {"Retry-After": "0"}, {"error": "Too many requests"}
            if what == "timeout":
                time.sleep(self.sleep_s)
            if what == "500":
                return 500, {}, {"error": "server error"}
        rows = [
            r
            for r in self.records
            if all(
                r.get(k[len("filters[") : -1]) == v
                for k, v in query.items()
                if k.startswith("filters[")
            )
        ]
        page = rows[offset : offset + limit]
        body = {
            "records": page,
            "total": len(rows),
            "count": len(page),
            "offset": str(offset),
            "limit": str(limit),
        }
        return 200, {}, body

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                parsed = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
                status, headers, body = fake.answer(parsed.path, query)
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout case)

            def log_message(self, *args):
                pass

        return Handler
