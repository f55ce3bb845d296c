"""A local stand-in for an Elasticsearch cluster: the few endpoints catalogue/search_index.py calls.

It runs on loopback in a thread, speaks the real HTTP API to the official client, and
matches like the database backend (every query word a substring of the document), so the
tests exercise the client, the index writes and the id-based filtering for real.
"""

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class SearchDouble:
    def __init__(self):
        self.indices: dict[str, dict[str, dict]] = {}
        self.searches: list[str] = []
        double = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _reply(self, status: int, body=None):
                payload = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_HEAD(self):
                index = urlsplit(self.path).path.strip("/")
                self._reply(200 if index in double.indices else 404)

            def do_PUT(self):
                if urlsplit(self.path).path.endswith("/_bulk"):  # the client sends bulk writes as PUT
                    return self.do_POST()
                self._body()
                index = urlsplit(self.path).path.strip("/")
                double.indices.setdefault(index, {})
                self._reply(200, {"acknowledged": True, "index": index})

            def do_DELETE(self):
                match = re.match(r"^/([^/]+)/_doc/([^/?]+)", self.path)
                found = match and double.indices.get(match[1], {}).pop(match[2], None) is not None
                self._reply(200 if found else 404, {"result": "deleted" if found else "not_found"})

            def do_POST(self):
                path = urlsplit(self.path).path
                body = self._body()
                if path.endswith("/_bulk"):
                    lines = [json.loads(line) for line in body.decode().splitlines() if line.strip()]
                    items = []
                    for action, source in zip(lines[0::2], lines[1::2], strict=True):
                        meta = action["index"]
                        double.indices.setdefault(meta["_index"], {})[meta["_id"]] = source
                        items.append({"index": {"_index": meta["_index"], "_id": meta["_id"], "status": 201}})
                    self._reply(200, {"took": 1, "errors": False, "items": items})
                elif path.endswith("/_search"):
                    index = path.strip("/").split("/")[0]
                    query = json.loads(body)["query"]["bool"]["should"][1]["match"]["search_document"]["query"]
                    double.searches.append(query)
                    words = query.lower().split()
                    hits = [
                        {"_index": index, "_id": doc_id, "_score": 1.0}
                        for doc_id, source in double.indices.get(index, {}).items()
                        if all(word in source["search_document"] for word in words)
                    ]
                    self._reply(200, {"took": 1, "timed_out": False, "hits": {"total": {"value": len(hits)}, "hits": hits}})
                else:
                    self._reply(404, {"error": "not supported by the test double"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "SearchDouble":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
