"""`build_faq.py site`: verified, atomic, reproducible."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import LANGUAGE_DIRS, ROOT, ROOT_LANGUAGE, build_faq, make_project, plain_environment, snapshot

from bench.harness import wait_for
from faqgen.feeds import FORMAT as FEED
from faqgen.opendata import DATA_FILE
from faqgen.pipeline import check
from faqgen.problems import FaqError
from faqgen.publish import MARKER, Published, PublishError, build_site, refuse_output
from faqgen.publish import _exchange as exchange
from faqgen.search import ENTRY_FILE, search_facts_file
from faqgen.site_plan import ADMIN_FOLDER, NOT_FOUND, SITEMAP, page_names
from faqgen.verify import verify_site

FAQ = check(ROOT / "faq.yaml").faq


def site_command(project, output, site_url="", env=None):
    return build_faq("site", str(project / "faq.yaml"), "--output", str(output), env={"FAQ_SITE_URL": site_url, **(env or {})})


def manifest(tree) -> dict[str, str]:
    return {path.relative_to(tree).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(tree.rglob("*")) if path.is_file()}  # fmt: skip


def test_two_builds_are_byte_identical_and_verified(project, tmp_path):
    address = "https://faq.example.ca/ssm/"  # served below a path, as on GitHub Pages
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}  # where the templates are kept compiled (faqgen/compiled.py)
    first = site_command(project, tmp_path / "one", address, cache)
    assert first.returncode == 0, first.stderr
    assert first.stdout.endswith("pages built, verified and published\n")
    compiled = {path.name: path.stat().st_mtime_ns for path in (tmp_path / "cache" / "faqgen" / "templates").iterdir()}
    assert len(compiled) > 20  # the theme's templates and faqgen's
    assert site_command(project, tmp_path / "two", address, cache).returncode == 0
    assert manifest(tmp_path / "one") == manifest(tmp_path / "two")
    # The second run compiled nothing (no file written again), under the same keys (none added).
    assert {path.name: path.stat().st_mtime_ns for path in (tmp_path / "cache" / "faqgen" / "templates").iterdir()} == compiled
    assert "<lastmod>2020-02-14</lastmod>" in (tmp_path / "one" / "sitemap.xml").read_text()


def test_without_an_address_the_site_works_wherever_it_is_opened_and_says_what_it_lacks(project, tmp_path):
    result = site_command(project, tmp_path / "site")  # no FAQ_SITE_URL
    assert result.returncode == 0, result.stderr
    assert result.stderr == (f"{tmp_path / 'site'}: built without the site's public address (FAQ_SITE_URL), so it has no "
                             "canonical addresses, no sitemap and no feeds; CI sets it from the Pages settings "
                             "(docs/publishing.md)\n")  # fmt: skip
    for path in (tmp_path / "site").rglob("index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("a.faq-language-toggle, article a[href], nav a[href]"):
            href = link["href"]
            assert not href.startswith("/"), (path, href)  # a sub-path or a folder on disk: relative works
            if not href.startswith(("#", "http", "mailto:")):
                target = (path.parent / href.split("#")[0]).resolve()
                assert (target / "index.html").is_file() or target.is_file(), (path, href)


def test_a_failed_build_leaves_the_site_as_it_was(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site already published")
    (project / "faq.yaml").write_text(
        (project / "faq.yaml").read_text().replace("  as_of: 2020-02-14", "  as_of: soon")
    )
    result = site_command(project, site)
    assert result.returncode == 1
    assert "error: expected a date written YYYY-MM-DD" in result.stderr
    assert snapshot(site) == {"index.html": b"the site already published"}
    assert not list(tmp_path.glob(".site-*"))


def test_a_build_mkdocs_refuses_leaves_the_site_as_it_was(project, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site already published")
    (site / MARKER).write_text("")  # a site `site` made
    (project / "content" / "orphan.fr.md").write_text("# Une page hors du menu\n")  # strict: not in nav
    result = site_command(project, site)
    assert result.returncode == 1 and "mkdocs build --strict failed" in result.stderr
    assert snapshot(site) == {"index.html": b"the site already published", MARKER: b""}
    assert not list(tmp_path.glob(".site-*"))


def test_verification_accepts_the_real_build(built_site):
    assert verify_site(built_site, FAQ, ROOT_LANGUAGE) == []


def test_verification_finds_what_would_hurt_readers(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "en" / "municipalities")
    page = site / "en" / "ssm-selection" / "index.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    soup.select_one("#fairness-of-process")["id"] = "renamed"
    article = soup.select_one("article")
    article.append(soup.new_tag("script"))
    article.append(soup.new_tag("img", src="https://fonts.example.com/x.png", onerror="steal()"))
    article.append(soup.new_tag("a", href="javascript:alert(1)"))
    page.write_text(str(soup))
    problems = verify_site(site, FAQ, ROOT_LANGUAGE)
    assert "the en page `municipalities` is missing" in problems
    assert "the en page `ssm-selection` has no anchor #fairness-of-process" in problems
    assert "/en/ssm-selection/index.html: the element <script> is not allowed in the content" in problems
    assert "/en/ssm-selection/index.html: the attribute `onerror` on <img> is not allowed in the content" in problems
    assert "/en/ssm-selection/index.html: `javascript:` links are not allowed: `javascript:alert(1)`" in problems
    assert "/en/ssm-selection/index.html: <img> loads `https://fonts.example.com/x.png` from another host" in problems
    assert any(p.endswith("the link ../municipalities/ leads nowhere") for p in problems)
    assert any("has no anchor #fairness-of-process to land on" in p for p in problems)


def test_verification_finds_wrong_addresses(built_site, site_server, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "en" / "timeline" / "index.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    soup.select_one("link[rel=canonical]")["href"] = "https://elsewhere.example/en/timeline/"
    soup.head.append(soup.new_tag("link", rel="alternate", hreflang="fr", href=site_server.url + "timeline/"))
    page.write_text(str(soup))
    other = site / "timeline" / "index.html"
    soup = BeautifulSoup(other.read_text(), "html.parser")
    soup.select_one("link[rel=canonical]")["href"] = site_server.url + "calendar/"
    other.write_text(str(soup))
    sitemap = site / "sitemap.xml"
    sitemap.write_text(sitemap.read_text().replace(f"{site_server.url}en/municipalities/", f"{site_server.url}en/towns/"))
    problems = verify_site(site, FAQ, ROOT_LANGUAGE)
    assert problems == [
        f"/en/timeline/index.html: the canonical link https://elsewhere.example/en/timeline/ is not below the site's address {site_server.url}",
        f"/en/timeline/index.html: an alternate link {site_server.url}timeline/ in the page: the languages are in /sitemap.xml",
        f"/timeline/index.html: the canonical link {site_server.url}calendar/ leads nowhere",
        f"/sitemap.xml: {site_server.url}en/towns/ is not a page of this site",
    ]


def _first(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _damage_calendar(site, url):
    calendar = site / "en" / "timeline-en.ics"
    text = calendar.read_bytes().decode("utf-8")  # as written: lines end with CRLF
    summary = text.split("SUMMARY;LANGUAGE=en:", 1)[1].split("\r\n", 1)[0]
    calendar.write_bytes(_first(text, "SUMMARY;LANGUAGE=en:", "SUMMARY;LANGUAGE=fr:").encode("utf-8"))
    return [f"/en/timeline-en.ics: `{summary}` is not marked `en`"]


def _damage_home_language(site, url):
    home = site / "en" / "index.html"
    home.write_text(_first(home.read_text(encoding="utf-8"), '<html lang="en"', '<html lang="fr"'), encoding="utf-8")
    return ["/en/index.html is in `fr`, not `en` (the root language is fr)"]


def _damage_open_data(site, url):
    data = site / "faq.json"
    anchor = "en/service-providers/#provider-inside-prototype-region"
    data.write_text(_first(data.read_text(encoding="utf-8"), anchor, anchor + "-gone"), encoding="utf-8")
    return [f"/faq.json: {url}{anchor}-gone is not a question of this site"]


def _damage_feed_link(site, url):
    page = site / "timeline" / "index.html"
    links = "".join(f'<link rel="alternate" type="application/atom+xml" href="{url}{file}">'
                    for file in ("feed-xx.xml", "faq.json"))  # none, and a file that is not a feed  # fmt: skip
    page.write_text(_first(page.read_text(encoding="utf-8"), "</head>", links + "</head>"), encoding="utf-8")
    return [f"/timeline/index.html: the feed link {url}feed-xx.xml is not one of this site's feeds",
            f"/timeline/index.html: the feed link {url}faq.json is not one of this site's feeds"]


def _damage_a_feed_removed_and_the_next_one_changed(site, url):
    """Each output is checked though the one before is missing; a page's feed link (as once there
    is an update), to the feed that is missing."""
    first, second = FEED.path(LANGUAGE_DIRS, ROOT_LANGUAGE), FEED.path(LANGUAGE_DIRS, "en")
    (site / first).unlink()
    page = site / "timeline" / "index.html"
    link = f'<link rel="alternate" type="application/atom+xml" href="{url}{first}">'
    page.write_text(_first(page.read_text(encoding="utf-8"), "</head>", link + "</head>"), encoding="utf-8")
    feed = site / second
    feed.write_text(_first(feed.read_text(encoding="utf-8"), f'href="{url}en/', f'href="{url}en/gone/'), encoding="utf-8")
    return [f"/timeline/index.html: the feed link {url}{first} is not one of this site's feeds",
            f"/{second}: {url}en/gone/whats-new/ is not a page of this site"]


def _damage_links_on_the_not_found_page(site, url):
    """The one page not named index.html: a link to its own anchor lands on it; a link elsewhere
    is passed over, not the end of the check; an empty link is the page itself."""
    page = site / NOT_FOUND
    links = '<a href="https://example.org/">x</a><a href="/municipalitiesX/">x</a><a href="#only-here">x</a><a href="">x</a>'
    page.write_text(_first(page.read_text(encoding="utf-8"), "</article>", f'{links}<p id="only-here"></p></article>'),
                    encoding="utf-8")  # fmt: skip
    return [f"/{NOT_FOUND}: the link /municipalitiesX/ leads nowhere"]  # a page's name and one letter more


def _damage_not_found_page_removed(site, url):
    (site / NOT_FOUND).unlink()
    return [f"no /{NOT_FOUND}: a reader who follows a dead link would get the host's own page, in one language"]


def _damage_sitemap_relative_address(site, url):
    sitemap = site / SITEMAP
    text = sitemap.read_text(encoding="utf-8")
    sitemap.write_text(_first(text, f"<loc>{url}en/municipalities/</loc>", "<loc>en/municipalities/</loc>"), encoding="utf-8")
    return [f"/{SITEMAP}: en/municipalities/ is not a page of this site"]  # a sitemap's addresses are absolute


def _damage_search_entry_removed(site, url):
    (site / ENTRY_FILE).unlink()
    return [f"/{search_facts_file(lang)}: no /{ENTRY_FILE}: Pagefind indexed nothing, and search finds nothing"
            for lang in LANGUAGE_DIRS]


def _damage_open_data_shape(site, url):
    (site / DATA_FILE).write_text('{"audiences": [{"questions": [{"number": 1}]}]}', encoding="utf-8")
    return [f"/{DATA_FILE}: not faqgen's open data (its questions' addresses cannot be found: KeyError('address'))"]


def _damage_editors_page(site, url):
    """The editors' page is exactly what faqgen/editor.py writes, except its configuration
    (the build's settings), which is not compared."""
    admin = site / ADMIN_FOLDER
    (admin / "main.js").write_text("alert(1)")
    (admin / "extra.js").write_text("")
    (admin / "in_place.js").unlink()
    (admin / "config.json").write_text('{"backend": {"name": "github", "repo": "another/faq"}}')
    return ["/admin/in_place.js: missing", "/admin/extra.js: not a file of the editors' page",
            "/admin/main.js: not the file faqgen/editor.py writes"]


def _damage_iframe_in_the_content(site, url):
    page = site / "timeline" / "index.html"
    page.write_text(_first(page.read_text(encoding="utf-8"), "</article>", "<iframe></iframe></article>"),
                    encoding="utf-8")  # fmt: skip
    return ["/timeline/index.html: the element <iframe> is not allowed in the content"]


def _damage_search_body_on_the_frame(site, url):
    page = site / "timeline" / "index.html"
    header = '<header class="md-header faq-header md-header--shadow" data-md-component="header"'
    page.write_text(_first(page.read_text(encoding="utf-8"), header, header + " data-pagefind-body"), encoding="utf-8")
    return ["/timeline/index.html: the attribute `data-pagefind-body` on <header> is not allowed in the page"]


def _damage_theme_configuration(site, url):
    page = site / "timeline" / "index.html"
    start = '<script id="__config" type="application/json">'
    text = page.read_text(encoding="utf-8")
    configuration = text.split(start, 1)[1].split("</script>", 1)[0]
    page.write_text(text.replace(start + configuration, start + configuration[:-3], 1), encoding="utf-8")
    return ["/timeline/index.html: a application/json script that is not JSON"]


def _damage_policy_removed(site, url):
    page = site / "glossary" / "index.html"
    text = page.read_text(encoding="utf-8")
    policy = text.split('<meta http-equiv="Content-Security-Policy"', 1)[1].split(">", 1)[0]
    page.write_text(text.replace(f'<meta http-equiv="Content-Security-Policy"{policy}>', "", 1), encoding="utf-8")
    return ["/glossary/index.html: no Content-Security-Policy <meta>: nothing would stop a script that got into the page"]


def _damage_script_before_policy(site, url):
    page = site / "glossary" / "index.html"
    text = page.read_text(encoding="utf-8")
    policy = "<meta http-equiv=" + text.split("<meta http-equiv=", 1)[1].split(">", 1)[0] + ">"
    script = "<script>" + text.split("<script>", 1)[1].split("</script>", 1)[0] + "</script>"  # the theme's first
    page.write_text(text.replace(policy, "", 1).replace(script, script + policy, 1), encoding="utf-8")
    return ["/glossary/index.html: a script comes before the Content-Security-Policy <meta>, which does not cover it"]


def _damage_policy_weakened(site, url):
    page = site / "glossary" / "index.html"
    text = page.read_text(encoding="utf-8")
    policy = text.split('<meta http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    weaker = policy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    page.write_text(text.replace(policy, weaker, 1), encoding="utf-8")
    return [f"/glossary/index.html: the Content-Security-Policy is not faqgen's (`{weaker}`; expected `{policy}`)"]


def _damage_unrequested_file(site, url):
    (site / "assets" / "javascripts" / "bundle.min.js.map").write_text("{}", encoding="utf-8")
    (site / "pagefind" / "pagefind-ui.js").write_text("", encoding="utf-8")
    return ["/assets/javascripts/bundle.min.js.map: published, though no page requests it (safety.UNREQUESTED_FILES)",
            "/pagefind/pagefind-ui.js: published, though no page requests it (safety.UNREQUESTED_FILES)"]


@pytest.mark.parametrize("damage", [_damage_calendar, _damage_home_language, _damage_open_data, _damage_feed_link,
                                    _damage_a_feed_removed_and_the_next_one_changed, _damage_links_on_the_not_found_page,
                                    _damage_not_found_page_removed, _damage_sitemap_relative_address,
                                    _damage_search_entry_removed, _damage_open_data_shape, _damage_editors_page,
                                    _damage_iframe_in_the_content, _damage_search_body_on_the_frame,
                                    _damage_theme_configuration, _damage_policy_removed, _damage_script_before_policy,
                                    _damage_policy_weakened,
                                    _damage_unrequested_file],
                         ids=lambda damage: damage.__name__.removeprefix("_damage_"))  # fmt: skip
def test_each_check_of_the_take_away_files_and_heads_finds_exactly_its_damage(built_site, site_server, tmp_path, damage):
    """Each of verification's checks, proven by damaging exactly what it checks in a copy of the
    built site: it says so, and nothing else."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    expected = damage(site, site_server.url)
    assert verify_site(site, FAQ, ROOT_LANGUAGE) == expected


def test_verification_refuses_a_truncated_build(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    for folder in ("en", "timeline", "municipalities"):
        shutil.rmtree(site / folder)
    problems = verify_site(site, FAQ, ROOT_LANGUAGE)
    floor = 2 * len(page_names(FAQ))
    assert problems[0].startswith(f"only 8 HTML pages; a complete build has at least {floor}")  # 7 French pages and the 404


# ---------------------------------------------------------------- commands that cannot lose a file


def test_site_refuses_to_replace_the_project_content_or_a_folder_it_did_not_make(project, tmp_path):
    before = snapshot(project)
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"not a site")
    others = {}
    for name in ("faq.yaml", "mkdocs.yml"):  # another project's folder, even one that looks like a site
        others[name] = tmp_path / f"other-{name}"
        others[name].mkdir()
        (others[name] / name).write_text("kept\n")
        (others[name] / MARKER).write_text("")
    for output, expected in [
        (project, "holds the project; the site goes into a folder of its own"),
        (project.parent, "holds the project; the site goes into a folder of its own"),
        (project / "content", "holds the project; the site goes into a folder of its own"),
        (foreign, f"{foreign} was not made by `build_faq.py site` (it has no .faq-site file), so it is not replaced"),
        *((other, f"{other} holds a faq.yaml or mkdocs.yml; the site goes into a folder of its own") for other in others.values()),
    ]:
        result = site_command(project, output)
        assert result.returncode == 1 and expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(project) == before
    assert snapshot(foreign) == {"holiday.jpg": b"not a site"}
    assert all(snapshot(other) == {MARKER: b"", name: b"kept\n"} for name, other in others.items())


def test_the_folders_site_may_replace_are_told_apart_in_this_process(project, tmp_path):
    """`refuse_output` itself (where `make mutate` sees it; the command's test above goes through
    build_faq.py): each folder it must refuse, with its reason, and the ones it may replace."""
    made, empty, file = tmp_path / "made", tmp_path / "empty", tmp_path / "file.html"
    made.mkdir()
    (made / MARKER).write_text("")
    (made / "index.html").write_text("an earlier site")
    empty.mkdir()
    file.write_text("")
    for name in ("mkdocs.yml", "faq.yaml"):  # another project's folder, whichever of its files it has
        (tmp_path / f"other-{name}").mkdir()
        (tmp_path / f"other-{name}" / name).write_text("")
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"")
    project_reason = "holds the project; the site goes into a folder of its own, such as site/"
    other_reason = "holds a faq.yaml or mkdocs.yml; the site goes into a folder of its own"
    for output, reason in [(project, project_reason), (project.parent, project_reason), (project / "content", project_reason),
                           (file, "is a file, not a folder"), (tmp_path / "other-mkdocs.yml", other_reason),
                           (tmp_path / "other-faq.yaml", other_reason), (project / "content" / "..", other_reason),
                           (foreign, "was not made by `build_faq.py site` (it has no .faq-site file), so it is not replaced: "
                                     "choose another --output, or move that folder away")]:  # fmt: skip
        with pytest.raises(PublishError) as refused:
            refuse_output(project, output)
        assert str(refused.value) == f"{output} {reason}"
    for output in (made, empty, tmp_path / "new"):
        refuse_output(project, output)  # a site it made, an empty folder, a folder to make


def test_the_published_site_is_readable_by_everyone_and_replaced_in_one_step(project, tmp_path):
    site = tmp_path / "site"
    assert site_command(project, site).returncode == 0
    modes = {oct(path.stat().st_mode & 0o777) for path in [site, *site.rglob("*")]}
    assert modes == {"0o755", "0o644"}
    assert (site / MARKER).is_file()
    first = (site / "index.html").stat().st_ino
    assert site_command(project, site).returncode == 0  # a folder it made is replaced
    assert (site / "index.html").stat().st_ino != first
    assert not list(tmp_path.glob(".site-*"))


def _processes_in(folder: Path) -> list[str]:
    """Command lines of running processes that name `folder` (mkdocs and pagefind of a build)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(folder) in text and ("-m mkdocs" in text or "-m pagefind" in text):
            found.append(text)
    return found


def test_killed_and_concurrent_runs_never_leave_site_incomplete_or_debris(project, tmp_path):
    """Fault injection: `site` killed with SIGKILL at several moments, then two runs at once.
    Meanwhile site/ is sampled: it is always a complete published site."""
    site = tmp_path / "site"
    assert site_command(project, site).returncode == 0
    published = manifest(site)
    command = [sys.executable, str(ROOT / "build_faq.py"), "site", str(project / "faq.yaml"), "--output", str(site)]
    debris = []

    def staging(*inside: str) -> bool:
        return any(all(list(folder.glob(pattern)) for pattern in inside) for folder in tmp_path.glob(".site-new-*"))

    # Killed at moments of the build itself, not after so many seconds (a loaded machine is slower):
    # in check (before the staging folder), once it exists, with the home page built.
    moments = {"in check": lambda: True, "staging made": staging, "pages built": lambda: staging("index.html")}
    for moment, reached in moments.items():
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=plain_environment())
        assert wait_for(lambda: reached() or run.poll() is not None, 120) and run.poll() is None, moment  # noqa: B023
        run.send_signal(signal.SIGKILL)
        run.wait()
        assert manifest(site) == published, f"killed {moment}"  # builds are byte-identical
        assert wait_for(lambda: not _processes_in(tmp_path), 30), _processes_in(tmp_path)  # children end with it
        debris += list(tmp_path.glob(".site-new-*"))
    assert debris, "a run killed mid-build leaves its staging folder..."
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=plain_environment())
            for _ in range(2)]  # fmt: skip
    samples = 0
    while any(run.poll() is None for run in runs):
        assert (site / "index.html").is_file() and (site / MARKER).is_file(), "a moment without a site"
        samples += 1
        time.sleep(0.02)
    outputs = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert any("another build is publishing there; waiting for it" in err for _, err in outputs), outputs
    assert samples > 10
    assert not list(tmp_path.glob(".site-*")), "...which the next run removes"
    assert manifest(site) == published  # byte-identical to the first build
    assert verify_site(site, FAQ, ROOT_LANGUAGE) == []


def test_build_is_all_or_nothing_when_the_disk_fills(project, monkeypatch):
    from faqgen import write
    from faqgen.pipeline import generate

    content = project / "content"
    faq = project / "faq.yaml"
    generate(faq, content)
    faq.write_text(faq.read_text().replace("Service System Managers", "Gestionnaires SSM"))
    before = snapshot(content)
    real_stage, calls = write._stage, []

    def disk_full_on_the_third(target, text):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real_stage(target, text)

    monkeypatch.setattr(write, "_stage", disk_full_on_the_third)
    try:
        generate(faq, content)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    else:
        raise AssertionError("the full disk went unnoticed")
    assert snapshot(content) == before  # not one page of six
    assert not list(content.glob(".*.tmp"))


def test_every_os_error_is_one_line_with_the_path_and_what_to_do(project, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    result = build_faq("build", str(project / "faq.yaml"), "--content", str(a_file / "content"), timeout=120)
    assert result.returncode == 1
    assert result.stderr == (
        f"build_faq.py: error: {a_file / 'content'}: part of the path is a file, not a folder: check the path; "
        "nothing was changed.\n"
    )
    result = build_faq("schema", "--output", str(a_file / "x.json"), timeout=120)
    assert result.returncode == 1 and "part of the path is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_confirm_keeps_the_file_mode(project):
    faq = project / "faq.yaml"
    faq.chmod(0o644)
    faq.write_text(faq.read_text().replace("What was the purpose of the competitive process?", "Why a contest?"))
    result = build_faq("confirm", str(faq), timeout=120)
    assert result.returncode == 0 and "1 text confirmed" in result.stdout
    assert oct(faq.stat().st_mode & 0o777) == "0o644"


def test_site_without_the_faq_plugin_says_what_to_add(project, tmp_path):
    config = project / "mkdocs.yml"
    without = re.sub(r"  - faq:\n      source: faq.yaml\n      repository: .*\n", "", config.read_text(encoding="utf-8"))
    config.write_text(without, encoding="utf-8")
    result = site_command(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "mkdocs.yml has no `faq` plugin: add `- faq` under `plugins:`" in result.stderr
    assert not (tmp_path / "site").exists()


# `build_site` in this process (where `make mutate` sees it: the tests above go through build_faq.py).


def _made_site(folder: Path, page: str) -> Path:
    """A folder as an earlier `site` left it: its marker and one page."""
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("")
    (folder / "index.html").write_text(page)
    return folder


def test_site_in_this_process_waits_its_turn_replaces_its_site_and_removes_what_killed_runs_left(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project", pdf=False)
    monkeypatch.setenv("FAQ_SITE_URL", "https://faq.example.ca/ssm/")
    site = _made_site(tmp_path / "out" / "site", "an earlier site")
    for leftover in (".site-new-killed", ".site-old-killed"):
        (site.parent / leftover / "assets").mkdir(parents=True)
    held = os.open(site.parent, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # another run holds the lock: this one says so, then waits
    waited = []

    def on_wait():
        waited.append(True)
        fcntl.flock(held, fcntl.LOCK_UN)

    mkdocs_logger = logging.getLogger("mkdocs")
    before = mkdocs_logger.level, mkdocs_logger.propagate, list(mkdocs_logger.handlers)
    umask = os.umask(0o077)  # files and folders made private: `site` makes them readable by all
    try:
        published = build_site(project, site, on_wait=on_wait)
    finally:
        os.umask(umask)
        os.close(held)
    assert waited == [True]
    assert published == Published(sum(1 for _ in site.rglob("*.html")), "https://faq.example.ca/ssm/")
    assert published.pages > 10 and (site / "index.html").read_text() != "an earlier site"
    assert (site / MARKER).read_text().startswith("Built by build_faq.py site")
    assert {oct(path.stat().st_mode & 0o777) for path in [site, *site.rglob("*")]} == {"0o755", "0o644"}
    assert sorted(path.name for path in site.parent.iterdir()) == ["site"]  # no leftover, no staging folder
    assert (mkdocs_logger.level, mkdocs_logger.propagate, list(mkdocs_logger.handlers)) == before
    monkeypatch.delenv("FAQ_SITE_URL")
    assert build_site(project, tmp_path / "new" / "folders" / "site").site_url is None  # folders to make; no address
    preview = build_site(project, tmp_path / "preview", preview="pull request 12")  # a reviewers' preview
    assert preview.site_url is None and not (tmp_path / "preview" / "sitemap.xml").exists()
    assert "pull request 12" in (tmp_path / "preview" / "index.html").read_text(encoding="utf-8")


def test_site_in_this_process_publishes_nothing_from_a_faq_with_a_warning(tmp_path):
    """`site` checks faq.yaml strictly, naming it as the editor knows it: a warning stops it too."""
    project = make_project(tmp_path / "project", pdf=False)
    faq = project / "faq.yaml"
    text = faq.read_text(encoding="utf-8")
    faq.write_text(text.replace("          confirmed: fr 406f82d7 en f0a5a2d9\n", "", 1), encoding="utf-8")
    line = text.splitlines().index("      - id: provider-outside-prototype-regions") + 2  # its `question:`
    with pytest.raises(FaqError) as refused:
        build_site(project, tmp_path / "site")
    [problem] = refused.value.problems  # a warning in `check`, an error here
    assert (problem.file, problem.line, problem.severity, problem.context) == (
        "faq.yaml", line, "error", "question provider-outside-prototype-regions")
    assert problem.message.startswith("the French and English question are not confirmed equivalent")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project"]


def test_site_in_this_process_leaves_the_site_as_it_was_when_verification_or_mkdocs_refuses(tmp_path, monkeypatch):
    project = make_project(tmp_path / "project", pdf=False)
    site = _made_site(tmp_path / "site", "an earlier site")
    staged = []  # where the build was made: beside the site, under the name the next run's clean-up knows
    monkeypatch.setattr("faqgen.publish.verify_site",
                        lambda folder, *arguments, **options: staged.append(folder) or ["index.html: a problem", "404.html: another"])  # fmt: skip
    with pytest.raises(PublishError) as refused:
        build_site(project, site)
    assert str(refused.value) == "the built site failed verification:\nindex.html: a problem\n404.html: another"
    [folder] = staged
    assert folder.parent == tmp_path and folder.name.startswith(".site-new-")
    assert snapshot(site) == {MARKER: b"", "index.html": b"an earlier site"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]
    monkeypatch.undo()
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    shutil.copy(project / "faq.yaml", project / "other.yaml")
    for changed, message in [
        (original.replace("plugins:\n", "not_configured: 1\nplugins:\n", 1),
         "mkdocs build --strict failed:\nWARNING - Config value 'not_configured': Unrecognised configuration name: "
         "not_configured\nAborted with 1 configuration warnings in 'strict' mode!"),
        (original.replace("      source: faq.yaml\n", "      source: other.yaml\n", 1),
         f"mkdocs.yml builds from {project / 'other.yaml'}, but `site` publishes {project / 'faq.yaml'}: set the faq plugin's "
         "source to it"),
        (re.sub(r"  - faq:\n(      .*\n)+", "", original),
         "mkdocs.yml has no `faq` plugin: add `- faq` under `plugins:`"),
    ]:  # fmt: skip
        config.write_text(changed, encoding="utf-8")
        with pytest.raises(PublishError) as refused:
            build_site(project, site)
        assert str(refused.value).startswith(message), str(refused.value)
        assert snapshot(site) == {MARKER: b"", "index.html": b"an earlier site"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]  # nothing staged is left


def test_the_new_site_takes_the_old_ones_place_in_one_step_or_else_in_two_renames_undone_on_failure(tmp_path, monkeypatch):
    new, target = tmp_path / ".site-new-1", tmp_path / "site"
    _made_site(new, "new")
    _made_site(target, "old")
    renames = []
    rename = Path.rename

    def renaming(source, destination):
        renames.append((source.name, Path(destination).name))
        return rename(source, destination)

    monkeypatch.setattr(Path, "rename", renaming)
    exchange(new, target)  # Linux: one renameat2(RENAME_EXCHANGE), no rename
    assert renames == []
    assert (target / "index.html").read_text() == "new" and (new / "index.html").read_text() == "old"
    ctypes.set_errno(0)  # whatever an earlier call left: the error is this call's own
    with pytest.raises(FileNotFoundError) as failed:  # renameat2's own error, with the path
        exchange(tmp_path / ".site-new-gone", target)
    assert (failed.value.strerror, failed.value.filename) == (os.strerror(errno.ENOENT), str(target))
    assert renames == [] and (target / "index.html").read_text() == "new"
    monkeypatch.setattr("faqgen.publish.ctypes.CDLL", lambda *arguments, **options: object())  # no renameat2
    exchange(new, target)  # the old site moved aside, under the name the next run's clean-up knows
    assert renames == [("site", ".site-old-1"), (".site-new-1", "site"), (".site-old-1", ".site-new-1")]
    assert (target / "index.html").read_text() == "old" and (new / "index.html").read_text() == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site-new-1", "site"]
    with pytest.raises(FileNotFoundError):
        exchange(tmp_path / ".site-new-gone", target)
    assert (target / "index.html").read_text() == "old"  # put back
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site-new-1", "site"]
    exchange(new, tmp_path / "first")  # nothing to replace: a rename
    assert (tmp_path / "first" / "index.html").read_text() == "new" and not new.exists()


def test_each_page_allows_exactly_its_own_inline_scripts_by_their_hashes(built_site):
    """The policy safety.with_policy writes, checked as a browser checks it: script-src lists the
    SHA-256 of each inline script the page runs (the theme's), no other, and data scripts
    (application/json) are not scripts to allow."""
    import base64

    from selectolax.lexbor import LexborHTMLParser

    from faqgen.safety import with_policy

    for name in ("index.html", "timeline/index.html", "en/glossary/index.html", "404.html"):
        built = (built_site / name).read_text(encoding="utf-8")
        # As the build wrote it, and as this process writes it again (where `make mutate` sees it).
        assert with_policy(re.sub(r'\n  <meta http-equiv="Content-Security-Policy"[^>]*>', "", built, count=1)) == built
        page = LexborHTMLParser(built)
        policy = page.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
        sources = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        scripts = [script for script in page.css("script") if "src" not in script.attributes]
        run = [script.text() for script in scripts if script.attributes.get("type") != "application/json"]
        assert run and len(run) < len(scripts), name  # the theme's inline scripts and its configuration
        hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'" for text in run}
        assert sources["script-src"].split() == ["'self'", *sorted(hashes, key=lambda h: policy.index(h))], name
        assert page.html.index('http-equiv="Content-Security-Policy"') < page.html.index("<script"), name


def test_a_page_without_its_charset_cannot_take_a_policy():
    from faqgen.safety import with_policy

    with pytest.raises(ValueError) as refused:
        with_policy("<html><head><script>alert(1)</script></head></html>")
    assert str(refused.value) == 'a page without <meta charset="utf-8">: the policy must come before its first script'
