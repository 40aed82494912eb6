"""What a reader gets in a real browser: axe-core finds no WCAG 2.0/2.1/2.2 A and AA violation on
any page, in both languages, wide and narrow, with the menu and search open; the keyboard
reaches the content; switching language keeps the question; no request leaves the site.

Debian's Chromium, driven by Playwright (`make test` installs it; CHROMIUM points elsewhere).
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from helpers import LANGUAGE_DIRS, ROOT, pixels, url_of

from bench.harness import wait_in_page
from bench.relevance import without_highlight
from faqgen.labels import LABELS
from faqgen.pipeline import check
from faqgen.site_plan import page_names

FAQ = check(ROOT / "faq.yaml").faq
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
PAGES = page_names(FAQ)


@pytest.fixture
def requests_seen(browser, site_url):
    """A page whose requests are all recorded, with the failed ones."""
    context = browser.new_context()
    page = context.new_page()
    seen: list[tuple[str, int | None]] = []
    page.on("requestfinished", lambda request: seen.append((request.url, request.response().status)))
    page.on("requestfailed", lambda request: seen.append((request.url, None)))
    yield page, seen
    context.close()


def violations(page) -> list[str]:
    # Colours are measured as shown: wait until no transition (a dialog fading in) is running.
    wait_in_page(page, "document.getAnimations().every(a => a.playState !== 'running')")
    result = Axe().run(page, options=WCAG)
    return [f"{v['id']}: {[node['target'] for node in v['nodes']][:3]}" for v in result.response["violations"]]


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_no_accessibility_violation_on_any_page(browser, site_url, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found = {}
    for name in PAGES:
        page.goto(url_of(site_url, lang, name))
        if problems := violations(page):
            found[name] = problems
    context.close()
    assert found == {}


@pytest.mark.parametrize("missing", ["no-such-page/", "en/municipalities/old-question/"])
def test_a_missing_address_gets_the_bilingual_not_found_page(requests_seen, site_url, missing):
    page, seen = requests_seen
    response = page.goto(site_url + missing)
    page.wait_for_load_state("networkidle")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page introuvable / Page not found"
    assert page.evaluate("getComputedStyle(document.querySelector('.faq-header')).position") == "sticky"  # styled
    assert violations(page) == []
    page.get_by_role("link", name="Go to the English home page").click()
    page.wait_for_load_state()
    assert page.url == site_url + "en/"
    assert [(url, status) for url, status in seen if status is None or status >= 400] == [(site_url + missing, 404)]


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_no_violation_with_the_mobile_menu_or_search_open(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(url_of(site_url, lang, "service-providers"))
    page.click(".faq-toggle--drawer")
    page.wait_for_selector(".faq-menu", state="visible")
    assert violations(page) == []
    assert page.locator(".md-logo").count() >= 1 and not any(logo.is_visible() for logo in page.locator(".md-logo").all())
    page.goto(url_of(site_url, lang, "service-providers"))
    page.click(".faq-toggle--search")
    page.locator("input.faq-search__input").press_sequentially("phase")  # the theme listens to key events
    page.wait_for_selector(".faq-result")
    page.mouse.move(0, 0)
    assert violations(page) == []
    page.hover(".faq-result:first-child a")  # a hovered result has a tinted background
    assert violations(page) == []
    context.close()


TARGETS = """() => [...document.querySelectorAll(
        'a[href], button, input, select, textarea, label[for], summary, [tabindex]:not([tabindex="-1"])')]
    .filter((target) => !target.closest('[inert]') && target.checkVisibility({visibilityProperty: true}))
    .filter((target) => !target.matches('.faq-content p a, .faq-content li a'))  // in a sentence: exempt
    .map((target) => [target.outerHTML.slice(0, 80), target.getBoundingClientRect()])
    .filter(([, box]) => box.width * box.height > 0 && (box.width < 24 || box.height < 24))
    .map(([target, box]) => `${target} ${Math.round(box.width)}×${Math.round(box.height)}`)"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_every_target_is_at_least_24_pixels_square(browser, site_url, lang, width):
    """WCAG 2.2, 2.5.8: every control, link and field outside sentences, with the menu closed and open."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    small = {}
    for name in PAGES:
        page.goto(url_of(site_url, lang, name))
        small[name] = page.evaluate(TARGETS)
    if width == 320:
        page.focus(".faq-toggle--drawer")
        page.keyboard.press("Enter")
        wait_in_page(page, SETTLED)
        small["menu"] = page.evaluate(TARGETS)
    page.close()
    assert {name: targets for name, targets in small.items() if targets} == {}


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_an_audience_page_reads_in_order_title_then_each_question_as_a_heading(browser, site_url, lang):
    """What a screen reader walks through (Playwright's aria snapshot of the content) at phone width:
    the title, "On this page" with a link to each question, key points if any, then the questions."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    for audience in FAQ.audiences:
        page.goto(url_of(site_url, lang, audience.id))
        tree = page.locator("article").aria_snapshot()
        headings = re.findall(r'^\s*- heading "(.*)" \[level=(\d)\]', tree, re.MULTILINE)
        expected = [(audience.title.in_(lang), "1"), (LABELS[lang]["on_this_page"], "2")]
        expected += [(LABELS[lang]["key_points"], "2")] if audience.key_points else []
        expected += [(f"{n}. {question.question.in_(lang)}", "2") for n, question in enumerate(audience.questions, start=1)]
        plain = [(" ".join(text.split()), level) for text, level in headings]
        assert plain == [(" ".join(text.replace("\u00a0", " ").split()), level) for text, level in expected]
        on_this_page = tree.split('- heading "' + LABELS[lang]["on_this_page"])[1].split("- heading")[0]
        assert re.findall(r'/url: "#([^"]+)"', on_this_page) == (["key-points"] if audience.key_points else []) + [
            question.id for question in audience.questions
        ]
        # Each question's answer is read after its heading, before the next one.
        blocks = re.split(r'^\s*- heading ".*" \[level=2\]', tree, flags=re.MULTILINE)[2:]  # after "On this page"
        assert all("- paragraph" in block for block in blocks)
    page.close()


@pytest.mark.parametrize("lang", LANGUAGE_DIRS)
def test_every_page_declares_its_language_and_keeps_headings_in_order(browser, site_url, lang):
    page = browser.new_page()
    for name in PAGES:
        page.goto(url_of(site_url, lang, name))
        assert page.get_attribute("html", "lang") == lang
        toggle = page.eval_on_selector_all("a.faq-language-toggle", "links => links.map(a => [a.hreflang, a.lang])")
        other = next(code for code in LANGUAGE_DIRS if code != lang)
        assert toggle == [[other, other]]  # "Français" is marked French on English pages
        levels = page.eval_on_selector_all("article h1, article h2, article h3", "hs => hs.map(h => +h.tagName[1])")
        assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), name
    page.close()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(browser, site_url):
    page = browser.new_page()
    page.goto(url_of(site_url, "fr", "service-providers"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className + ' ' + document.activeElement.getAttribute('href')")
    assert "md-skip" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#page-title"  # the same in both languages
    page.close()


@pytest.mark.parametrize("lang, other", [("fr", "en"), ("en", "fr")])
def test_switching_language_keeps_the_question(browser, site_url, lang, other):
    page = browser.new_page()
    page.goto(url_of(site_url, lang, "ssm-selection") + "#fairness-of-process")
    toggle = page.locator(f"a.faq-language-toggle[hreflang='{other}']")
    assert toggle.is_visible() and toggle.text_content().strip() == {"fr": "Français", "en": "English"}[other]
    toggle.click()
    page.wait_for_url(url_of(site_url, other, "ssm-selection") + "#fairness-of-process")
    assert page.get_attribute("html", "lang") == other
    page.close()


def visit_some_pages(page, site_url):
    for lang in LANGUAGE_DIRS:
        for name in ("index", "service-providers", "timeline"):
            page.goto(url_of(site_url, lang, name))
            page.wait_for_load_state("networkidle")


def test_no_request_leaves_the_site(requests_seen, site_url):
    page, seen = requests_seen
    visit_some_pages(page, site_url)
    assert len(seen) > 10
    assert [url for url, _ in seen if not url.startswith(site_url)] == []


def test_no_request_fails(requests_seen, site_url):
    page, seen = requests_seen
    visit_some_pages(page, site_url)
    assert [(url, status) for url, status in seen if status is None or status >= 400] == []
    # the theme fetches sitemap.xml beside each <link rel=alternate>; pages have none (the
    # languages are in /sitemap.xml), so it asks for nothing
    assert [url for url, _ in seen if url.endswith("sitemap.xml")] == []


def search(page, query: str) -> list[str]:
    """Type a query as a reader does; the result links."""
    page.click("input.faq-search__input")
    page.locator("input.faq-search__input").press_sequentially(query)
    wait_in_page(page, "q => document.querySelector('.faq-search__results').dataset.query === q", query)
    links = page.eval_on_selector_all(".faq-result__link", "links => links.map(l => l.getAttribute('href'))")
    return [without_highlight(href) for href in links]


@pytest.mark.parametrize("lang, query", [("fr", "gestionnaires"), ("en", "managers")])
def test_search_answers_in_the_page_language_with_links_to_questions(browser, site_url, lang, query):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url_of(site_url, lang, "index"))
    links = search(page, query)
    assert len(links) >= 5
    assert all(link.startswith("/en/") == (lang == "en") for link in links), links
    assert all("#" in link for link in links)  # each result lands on its question
    page.close()


@pytest.mark.parametrize(
    "query, page_found",
    [
        ("region", "/clients-and-communities/"),  # accents left out…
        ("régions", "/clients-and-communities/"),  # …or typed, singular or plural
        ("acces", "/clients-and-communities/"),  # finds "accès"
        ("economie", "/ssm-selection/"),  # finds "l’économie"
        ("l'economie", "/ssm-selection/"),  # a straight apostrophe, no accent
        ("francophone", "/clients-and-communities/"),
    ],
)
def test_french_search_as_people_type(browser, site_url, query, page_found):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url_of(site_url, "fr", "index"))
    links = search(page, query)
    # Which questions of a page rank first can tie; the page must be found, at a question.
    assert any(link.startswith(page_found + "#") for link in links), links
    page.close()


def test_no_search_bytes_before_the_reader_searches_and_little_after(requests_seen, site_url):
    page, seen = requests_seen
    page.goto(url_of(site_url, "fr", "service-providers"))
    page.wait_for_load_state("networkidle")
    assert [url for url, _ in seen if "pagefind" in url] == []
    loaded = len(seen)
    sizes = {}
    page.on("response", lambda response: sizes.setdefault(response.url, len(response.body())))
    search(page, "transition")
    assert any("pagefind" in url for url, _ in seen[loaded:])
    assert sum(sizes.values()) < 300_000


@pytest.mark.parametrize(
    "lang, label", [("fr", "Copier le lien vers la question 3"), ("en", "Copy the link to question 3")]
)
def test_copy_link_gives_the_question_permanent_address(browser, site_url, lang, label):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url_of(site_url, lang, "service-providers"))
    page.get_by_role("link", name=label).click()
    address = url_of(site_url, lang, "service-providers") + "#ssm-ready-by-april-2020"
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert (
        page.locator(".faq-status-message[role=status]").inner_text()
        == label.replace("Copier le lien", "Lien").replace("Copy the link", "Link")
        + {"fr": " copié", "en": " copied"}[lang]
    )
    assert violations(page) == []
    opened = context.new_page()
    opened.goto(address)  # the copied address opens at the question
    assert opened.evaluate("document.getElementById('ssm-ready-by-april-2020').getBoundingClientRect().top") < 200
    context.close()


def test_printing_shows_every_answer_without_site_chrome_and_with_link_targets(browser, site_url):
    page = browser.new_page()
    page.goto(url_of(site_url, "en", "service-providers"))
    page.emulate_media(media="print")
    shown = page.eval_on_selector_all(
        ".faq-header, .faq-menu, .faq-search, .faq-footer, .faq-permalink",
        "elements => elements.map(e => [[...e.classList].find(name => name.startsWith('faq-')), getComputedStyle(e).display])",
    )
    assert {name for name, _ in shown} >= {"faq-header", "faq-menu", "faq-search", "faq-footer", "faq-permalink"}
    assert [name for name, display in shown if display != "none"] == []
    answers = page.eval_on_selector_all("article .faq-answer p", "ps => ps.filter(p => p.offsetHeight > 0).length")
    assert answers >= 10
    external = page.eval_on_selector("article a[href^='http']", "a => getComputedStyle(a, '::after').content")
    assert "news.ontario.ca" in external
    page.close()


FOCUS_RING = (0x00, 0x9A, 0xDB)  # faq.css --ontario-colour-focus
SETTLED = "document.getAnimations().every(a => a.playState !== 'running')"
# Scrolling done: the same place twice, two frames apart, and the page not held still by a
# closed search (the theme releases its scroll lock, and scrolls back, 100 ms after closing).
SCROLLED = """() => new Promise((done) => { const y = scrollY;
    const releasing = document.body.hasAttribute("data-md-scrolllock") && !document.querySelector(".faq-search-switch").checked;
    requestAnimationFrame(() => requestAnimationFrame(() => done(!releasing && scrollY === y))); })"""


class KeyboardWalk:
    """A reader's Tab presses through a page, each stop checked as it is shown: it looks
    different focused and once the focus has moved on (pixels, WCAG 2.4.7), and it is in the
    viewport and on top of whatever else is there (WCAG 2.4.11: not hidden by a header,
    a dialog or a closed menu). Only keys move things: nothing is opened or closed by script."""

    def __init__(self, page):
        self.page, self.stops, self.unmarked, self.hidden = page, 0, [], []

    def focused(self) -> str:
        return self.page.evaluate("document.activeElement.outerHTML.slice(0, 100)")

    def press(self, key: str) -> None:
        """Press `key`, having checked the stop the focus is on (if it is on one)."""
        page = self.page
        if page.evaluate("document.activeElement === document.body"):
            page.keyboard.press(key)
            return
        wait_in_page(page, SETTLED)
        wait_in_page(page, SCROLLED)
        seen = page.evaluate("""(() => {
            const element = document.activeElement, box = element.getBoundingClientRect();
            const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
            const top = document.elementFromPoint(x, y);
            const onTop = top !== null && (element.contains(top) || top.contains(element) ||
                                          (element.control && element.control === top));
            return {x: box.x, y: box.y, width: box.width, height: box.height, onTop,
                    inView: y >= 0 && y <= innerHeight && x >= 0 && x <= innerWidth}; })()""")  # fmt: skip
        stop = self.focused()
        if not (seen["onTop"] and seen["inView"]):
            self.hidden.append(stop)
            page.keyboard.press(key)
            return
        clip = {"x": max(seen["x"] - 4, 0), "y": max(seen["y"] - 4, 0),
                "width": seen["width"] + 8, "height": seen["height"] + 8}  # fmt: skip
        focused, before = page.screenshot(clip=clip), page.evaluate("scrollY")
        page.keyboard.press(key)
        wait_in_page(page, SETTLED)
        wait_in_page(page, SCROLLED)
        # The same place in the page: the next stop may have scrolled into the same spot.
        after = page.evaluate("y => { const after = scrollY; scrollTo({top: y, behavior: 'instant'}); return after }", before)
        unfocused = page.screenshot(clip=clip)
        page.evaluate("y => scrollTo({top: y, behavior: 'instant'})", after)
        if unfocused == focused:
            self.unmarked.append(stop)
        self.stops += 1

    def tab_until(self, selector: str, limit: int = 150) -> bool:
        for _ in range(limit):
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return True
            self.press("Tab")
        return False


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_every_keyboard_stop_shows_that_it_has_focus_and_is_not_hidden(browser, site_url, width):
    """Through a whole page by Tab; on phones, the menu and search opened, walked and closed by keyboard."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(url_of(site_url, "fr", "service-providers"))
    walk = KeyboardWalk(page)
    if width < 1000:
        assert walk.tab_until(".faq-toggle--drawer")
        walk.press("Enter")  # opens the menu: the focus goes into it
        assert page.is_checked(".faq-menu-switch") and focused(page, ".faq-menu a")
        assert walk.tab_until(":not(.faq-menu *)")  # past its last link: it closes
        assert not page.is_checked(".faq-menu-switch")
        assert walk.tab_until(".faq-toggle--search")
        walk.press("Enter")  # opens search: the focus goes to its field
        assert page.is_checked(".faq-search-switch") and focused(page, "input.faq-search__input")
        page.keyboard.type("emploi")
        wait_in_page(page, "document.querySelector('.faq-search__results').dataset.query === 'emploi'")
        for _ in range(4):
            walk.press("ArrowDown")  # through the results
        walk.press("Escape")  # closes search, the focus back on its button
        assert not page.is_checked(".faq-search-switch") and focused(page, ".faq-toggle--search")
    for _ in range(150):
        walk.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break  # round the whole page
    page.close()
    assert walk.stops > 30
    assert walk.unmarked == [], walk.unmarked
    assert walk.hidden == [], walk.hidden


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_every_stop_of_the_open_search_shows_its_focus(browser, site_url, width):
    """From the search field by Tab through the results area (a stop: it scrolls) and each result,
    until the focus leaves the dialog: each stop marked and in view (WCAG 2.4.7, 2.4.11)."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(url_of(site_url, "en", "index"))
    walk = KeyboardWalk(page)
    if width < 1000:
        assert walk.tab_until(".faq-toggle--search")
        walk.press("Enter")  # opens search: the focus goes to its field
    else:
        assert walk.tab_until("input.faq-search__input")
    page.keyboard.type("privatizing")
    wait_in_page(page, "document.querySelector('.faq-search__results').dataset.query === 'privatizing'")
    results = page.locator(".faq-result__link").count()
    # The results area's own ring: the area with the focus, and with the focus back in the field
    # (the walk below compares each stop with the next, which here would be a result's ring).
    page.keyboard.press("Tab")
    assert focused(page, ".faq-search__scroll")
    box = page.locator(".faq-search__scroll").bounding_box()

    def ring_at_its_foot() -> int:  # the ring's pixels along the area's lower edge (the field's ring is above)
        return sum(pixel[:3] == FOCUS_RING for row in pixels(page.screenshot(clip=box))[-8:] for pixel in row)

    ring = ring_at_its_foot()
    page.keyboard.press("Shift+Tab")
    assert focused(page, "input.faq-search__input")
    assert ring >= 2 * box["width"] and ring_at_its_foot() == 0, ring
    stops = []
    while page.evaluate("document.querySelector('.faq-search').contains(document.activeElement)") and len(stops) < 40:
        stops.append(walk.focused())
        walk.press("Tab")
    page.close()
    assert results > 0 and len(stops) == 2 + results, stops  # the field, the results area, each result
    assert "faq-search__scroll" in stops[1]
    assert walk.unmarked == [], walk.unmarked
    assert walk.hidden == [], walk.hidden


# Every Content-Security-Policy violation in the page, recorded from before its first script.
VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) =>
    (window.faqViolations ||= []).push(`${event.violatedDirective} ${event.blockedURI}`))"""


@pytest.mark.parametrize("width", [375, 1280])
def test_the_pages_search_and_a_landing_run_under_their_policy_without_a_violation(browser, site_url, width):
    """The strict policy of every page (faqgen/safety.py POLICY) lets everything the site does run:
    each page in both languages, the not-found page, search (Pagefind's WebAssembly and worker)
    and a result's landing page with its highlights."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    seen = {}
    for lang in LANGUAGE_DIRS:
        for name in [*PAGES, "nowhere"]:
            page.goto(url_of(site_url, lang, name) if name != "nowhere" else site_url + "nowhere/")
            page.wait_for_load_state("networkidle")
            seen[lang, name] = page.evaluate("window.faqViolations || []")
    assert page.evaluate("document.querySelector('meta[http-equiv=Content-Security-Policy]') !== null")
    page.goto(url_of(site_url, "fr", "index"))
    page.keyboard.press("/")  # opens search at any width
    page.keyboard.type("privatisation")
    wait_in_page(page, "document.querySelector('.faq-search__results').dataset.query === 'privatisation'")
    page.locator(".faq-result__link").first.click()
    page.wait_for_selector("mark.faq-highlight")
    seen["landing"] = page.evaluate("window.faqViolations || []")
    context.close()
    assert {where: found for where, found in seen.items() if found} == {}


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_built_from_hostile_texts_run_no_script_and_call_no_other_host(browser, hostile_site, width):
    """tests/conftest.py HOSTILE_TEXTS: attribute break-outs, Markdown link and attribute-list
    syntax, entities, in titles, questions, answers and the head. A dialog would mean a script ran."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    dialogs, elsewhere = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: None if request.url.startswith(hostile_site.url) else elsewhere.append(request.url))
    for lang in LANGUAGE_DIRS:
        for name in ("index", "providers", "timeline", "whats-new"):
            page.goto(url_of(hostile_site.url, lang, name))
            for _ in range(15):  # focus handlers and autofocus would fire here
                page.keyboard.press("Tab")
            page.mouse.click(width // 2, 300)
            assert page.evaluate("document.querySelector('script[src$=\"faq-search.js\"]') !== null")  # nothing swallowed
            assert page.locator("article h1").count() == 1
    # Search results are built from those texts: searched by keyboard, shown as text.
    page.goto(url_of(hostile_site.url, "en", "index"))
    page.keyboard.press("/")
    page.keyboard.type("alert")
    wait_in_page(page, "document.querySelector('.faq-search__results').dataset.query === 'alert'")
    assert page.locator(".faq-result").count() >= 1
    assert page.locator(".faq-search__results img, .faq-search__results script").count() == 0
    # The first result, by keyboard: its question opens with the query's word marked, as text.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("article mark.faq-highlight")
    assert page.locator("article mark img, article mark script, article mark a").count() == 0
    assert page.evaluate("window.faqViolations || []") == []  # the page's policy blocked nothing either
    assert dialogs == [] and elsewhere == []
    page.evaluate("alert('probe')")  # the listener does see a script's dialog
    context.close()
    assert dialogs == ["probe"]


def search_results(page) -> list[dict]:
    return page.eval_on_selector_all(".faq-result", """items => items.map(item => ({
        href: item.querySelector("a").getAttribute("href").replace(/\\?[^#]*/, ""),
        page: item.querySelector(".faq-search-page").textContent,
        title: item.querySelector("h2").textContent,
        excerpt: item.querySelector("p:last-child").textContent}))""")


@pytest.mark.parametrize(
    "lang, query, expected, page_name",
    [
        ("fr", "Loi sur les services en français", "/clients-and-communities/#francophones",
         "Implications pour les clients et les collectivités"),
        ("en", "French Language Services Act", "/en/clients-and-communities/#francophones",
         "Implications for clients and communities"),
        ("fr", "contrats distincts", "/service-providers/#sites-inside-and-outside",
         "Implications pour les fournisseurs de services"),
        ("en", "Employment and Training Consultant", "/en/service-providers/#ministry-name-change",
         "Implications for service providers"),
    ],
)  # fmt: skip
def test_search_ranks_questions_across_records_and_counts_questions(browser, site_url, lang, query, expected, page_name):
    """One result per question, the best first wherever its record ranks, with its page's name."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url_of(site_url, lang, "index"))
    search(page, query)
    results = search_results(page)
    assert expected in [result["href"] for result in results[:3]], [r["href"] for r in results[:5]]
    count = page.text_content(".faq-search__meta").strip()
    assert count == (f"{len(results)} questions" if len(results) > 1 else "1 question")
    assert {result["href"]: result["page"] for result in results}[expected] == page_name
    page.close()


def test_search_keeps_french_typography_in_titles_and_excerpts(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(url_of(site_url, "fr", "index"))
    page.click(".faq-toggle--search")
    search(page, "emploi")
    results = search_results(page)
    assert len(results) >= 5
    fields = [field for r in results for field in (r["page"], r["title"], r["excerpt"])]
    separated = [field for field in fields if re.search(r"(?<!\w)(?:l|d|qu|s|n|j|c|m|t)’[ \u00a0]", field)]
    assert separated == []
    assert any("d’emploi" in field for field in fields)
    page.close()


def test_a_search_that_cannot_load_says_so_and_the_next_keystroke_retries(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    page.goto(url_of(site_url, "en", "index"))
    search(page, "fund")
    assert page.text_content(".faq-search__meta").strip() == "Search could not be loaded. Type again to try again."
    page.unroute("**/pagefind/pagefind.js")
    page.locator("input.faq-search__input").press_sequentially("ing")
    wait_in_page(page, "document.querySelector('.faq-search__results').dataset.query === 'funding'")
    assert len(search_results(page)) >= 1
    page.close()


def focused(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def test_at_phone_width_the_closed_menu_takes_no_focus_and_its_button_opens_it(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(url_of(site_url, "fr", "service-providers"))
    in_menu, reached_button = [], False
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        in_menu += [page.evaluate("document.activeElement.outerHTML.slice(0, 80)")] if focused(page, ".faq-menu *") else []
        if focused(page, ".faq-toggle--drawer"):
            reached_button = True
            break
    assert in_menu == [] and reached_button
    assert page.get_attribute(".faq-toggle--drawer", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert page.is_checked(".faq-menu-switch") and page.get_attribute(".faq-toggle--drawer", "aria-expanded") == "true"
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page, ".faq-menu a"):
            break
    assert focused(page, ".faq-menu a")  # open, the menu's links are reachable
    page.close()


def test_at_phone_width_search_opens_moves_and_closes_by_keyboard(browser, site_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(url_of(site_url, "fr", "index"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if focused(page, ".faq-toggle--search"):
            break
    assert focused(page, ".faq-toggle--search")
    page.keyboard.press("Enter")
    assert page.is_checked(".faq-search-switch") and focused(page, "input.faq-search__input")
    page.keyboard.type("emploi")
    wait_in_page(page, "document.querySelector('.faq-search__results').dataset.query === 'emploi'")
    page.keyboard.press("ArrowDown")
    assert focused(page, ".faq-result__link") and page.evaluate("document.activeElement === document.querySelector('.faq-result__link')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert focused(page, "input.faq-search__input")
    page.keyboard.press("Escape")
    assert not page.is_checked(".faq-search-switch")
    assert focused(page, ".faq-toggle--search")  # back where the reader opened it
    page.close()


def test_at_desktop_width_slash_opens_search_and_tabbing_out_closes_it(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(url_of(site_url, "en", "municipalities"))
    page.keyboard.press("/")
    assert page.is_checked(".faq-search-switch") and focused(page, "input.faq-search__input")
    page.keyboard.type("funding")
    wait_in_page(page, "document.querySelector('.faq-search__results').dataset.query === 'funding'")
    for _ in range(60):
        page.keyboard.press("Tab")
        if not page.evaluate("document.querySelector('.faq-search').contains(document.activeElement)"):
            break
    assert not page.is_checked(".faq-search-switch")  # the focus left the dialog: it closed, nothing is dimmed
    page.close()


