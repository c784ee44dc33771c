#!/usr/bin/python3
"""serve.py -- a static file server for browser tests, with byte ranges.

usage: serve.py DIR PORT-FILE

Serves DIR on 127.0.0.1 at a free port, which it writes to PORT-FILE once it
listens. It answers Range requests (206 Partial Content), as a podcast host
must and as a browser needs to seek in audio. It stops by itself after 120
seconds, so a failed test never leaves it running.

Two extra paths let a page hold back its own load event (which is when
`chromium --dump-dom` prints the page) until its asynchronous checks are
done: GET /hold answers only after GET /release has been asked (or after 60
seconds), and an <img src="/hold"> delays the load event until then.
"""
import http.server
import os
import re
import sys
import threading


RELEASED = threading.Event()
GIF = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c"
                    "00000000010001000002024401003b")


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith("/release"):
            RELEASED.set()
        if self.path.startswith("/hold"):
            RELEASED.wait(60)
        if self.path.startswith(("/hold", "/release")):
            self.send_response(200)
            self.send_header("Content-Type", "image/gif")
            self.send_header("Content-Length", str(len(GIF)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(GIF)
            return
        super().do_GET()

    def send_head(self):
        m = re.match(r"bytes=(\d*)-(\d*)$", self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        if not m or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        first = int(m.group(1)) if m.group(1) else max(0, size - int(m.group(2) or 0))
        last = int(m.group(2)) if m.group(1) and m.group(2) else size - 1
        last = min(last, size - 1)
        if first > last:
            self.send_error(416)
            return None
        f = open(path, "rb")
        f.seek(first)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.send_header("Content-Length", str(last - first + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self.remaining = last - first + 1
        return f

    def copyfile(self, source, outputfile):
        n = getattr(self, "remaining", None)
        if n is None:
            return super().copyfile(source, outputfile)
        while n > 0:
            chunk = source.read(min(65536, n))
            if not chunk:
                break
            outputfile.write(chunk)
            n -= len(chunk)

    def end_headers(self):
        if not getattr(self, "remaining", None):
            self.send_header("Accept-Ranges", "bytes")
        super().end_headers()


Handler.extensions_map.update({".vtt": "text/vtt", ".json": "application/json",
                               ".ogg": "audio/ogg", ".mp3": "audio/mpeg", ".wav": "audio/wav"})
port_file = os.path.abspath(sys.argv[2])
os.chdir(sys.argv[1])
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(port_file + ".tmp", port_file)
threading.Timer(120, srv.shutdown).start()
srv.serve_forever()
