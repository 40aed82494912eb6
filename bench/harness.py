"""What the tests and the benchmark both need: a throw-away copy of the project, the built
site served on 127.0.0.1 as GitHub Pages serves it, waiting on a local server, and the browser."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's (`make test` installs it)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip


def publish_real_faq(target: Path) -> Path:
    """The real FAQ's site, published by `build_faq.py site` into `target` (a new folder)."""
    subprocess.run([sys.executable, "build_faq.py", "site", "--output", str(target)], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    return target


def make_project(target: Path, faq_text: str | None = None, *, pdf: bool = True) -> Path:
    """A copy of the project to change freely: its own faq.yaml (the real one by default) and
    content/; `pdf=False` turns the plugin's PDFs off (as in the stock build the benchmark compares with)."""
    target.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not pdf:
        config = config.replace("      source: faq.yaml\n", "      source: faq.yaml\n      pdf: false\n", 1)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    (target / "faq.yaml").write_text(faq_text or (ROOT / "faq.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (target / "overrides").symlink_to(ROOT / "overrides")  # faqgen itself is installed (the `faq` plugin)
    (target / "content").mkdir(exist_ok=True)
    return target


class _PagesLikeHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does, /404.html for a missing address; quietly."""

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *arguments):
        pass


class _CompressingHandler(_PagesLikeHandler):
    """…and compressed with gzip, as GitHub Pages sends text to browsers that accept it."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".pf_meta", ".pf_fragment", ".pf_index")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class SiteServer:
    """`site` served on 127.0.0.1 from now on. Bound before the site is built: its address
    (site_url: canonical, hreflang, sitemaps) is built into the pages. `compressed`: text sent
    with gzip to browsers that accept it (as GitHub Pages does), for measuring downloads."""

    def __init__(self, site: Path, compressed: bool = False):
        handler = functools.partial(_CompressingHandler if compressed else _PagesLikeHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port() -> int:
    """A free port on 127.0.0.1, for a server that binds it itself (mkdocs serve)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    """The page's text, or "" while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds: float) -> bool:
    """Whether `condition()` came true within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def wait_in_page(page, expression: str, arg=None, seconds: float = 20) -> None:
    """Wait until `expression` (JavaScript: an expression, or a function of `arg`, which may
    return a promise) is true in the page. Not Playwright's wait_for_function: it compiles its
    predicate inside the page with eval, which the pages' Content-Security-Policy forbids, as
    it should; page.evaluate is not subject to it."""
    if not wait_for(lambda: page.evaluate(expression, arg), seconds):
        raise TimeoutError(f"still false after {seconds} s: {expression}")


# The folder the editor picks: the browser's own private file system, holding `.git` (what makes a
# folder a repository for the CMS) and faq.yaml as the caller hands it.
PICKER = """
window.showDirectoryPicker = async () => {
  const root = await navigator.storage.getDirectory();
  for await (const name of root.keys()) await root.removeEntry(name, { recursive: true });
  const git = await root.getDirectoryHandle('.git', { create: true });
  const head = await (await git.getFileHandle('HEAD', { create: true })).createWritable();
  await head.write('ref: refs/heads/main\\n');
  await head.close();
  const faq = await (await root.getFileHandle('faq.yaml', { create: true })).createWritable();
  await faq.write(window.faqToEdit);
  await faq.close();
  return root;
};
"""
SAVED = """async () => {
  const root = await navigator.storage.getDirectory();
  return await (await (await root.getFileHandle('faq.yaml')).getFile()).text();
}"""


class AdminEditor:
    """/admin/ in a page, as an editor works in it, on a folder of its own holding `faq_text` as
    faq.yaml (the CMS's local-repository mode; tests/test_admin.py, bench/shots.py)."""

    WORDS = {"fr": ("Travailler avec un dépôt local", "Enregistrer", "Entrée enregistrée"),
             "en": ("Work with Local Repository", "Save", "Entry saved")}

    def __init__(self, page, site_url: str, faq_text: str, lang: str = "fr"):
        self.page = page
        self.local, self.save_button, self.saved = self.WORDS[lang]
        page.add_init_script(f"window.faqToEdit = {json.dumps(faq_text)};" + PICKER)
        page.goto(site_url + "admin/")
        page.get_by_role("button", name=self.local).click()
        self.open()

    def open(self) -> None:
        """faq.yaml's form (saving goes back to the list of entries)."""
        self.page.get_by_text("faq.yaml").first.click()
        self.page.get_by_role("button", name=self.save_button).wait_for()

    def reveal(self, selector: str):
        """The element, once the form has drawn it: it draws list items as they scroll into view."""
        for _ in range(300):
            if self.page.locator(selector).count():
                break
            self.page.mouse.move(640, 400)
            self.page.mouse.wheel(0, 600)
            self.page.wait_for_timeout(50)
        element = self.page.locator(selector).first
        element.scroll_into_view_if_needed()
        return element

    def field(self, key_path: str):
        return self.reveal(f'[data-key-path="{key_path}"]').locator("input, textarea").first

    def save(self) -> str:
        self.page.get_by_role("button", name=self.save_button).click()
        self.page.get_by_text(self.saved).wait_for()
        saved = self.page.evaluate(SAVED)
        self.open()
        return saved
