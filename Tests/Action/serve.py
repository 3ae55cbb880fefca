#!/usr/bin/env python3
"""Serves DIR over HTTP on 127.0.0.1 at a free port, prints the base URL on its first
line of stdout, and runs until killed. The setup tests and scripts/bench download
release archives from it as the action would from GitHub."""
import functools
import http.server
import sys



class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


directory = sys.argv[1]
handler = functools.partial(QuietHandler, directory=directory)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
