"""A static server for scripts/lighthouse.sh that compresses text with gzip, as GitHub Pages does
(Lighthouse counts an uncompressed page against performance), and answers a missing page with the
site's 404.html. Usage: serve_gzip.py FOLDER PORT"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> BytesIO | None:  # type: ignore[override]
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not urlsplit(self.path).path.endswith("/"):
            return super().send_head()  # the redirect to the folder's address
        path = target / "index.html" if target.is_dir() else target
        status = 200
        if not path.is_file():
            path, status = Path(str(self.directory)) / "competencies" / "404.html", 404
        body = path.read_bytes()
        zipped = path.suffix in TEXT and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return BytesIO(body)


if __name__ == "__main__":
    folder, port = sys.argv[1], int(sys.argv[2])
    handler = functools.partial(Handler, directory=folder)
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
