"""What may reach a public page, as an allowlist, checked on HTML parsed as browsers parse it.

Two walls use the same lists and the same reading of URLs:
- each editor's rich text, once converted (faqgen/markup.py), is parsed as an HTML5 fragment,
  checked (`EDITOR_TEXT`) and re-serialized from the parsed tree, so what goes into a page is
  exactly what a browser will see, balanced and closed;
- `verify` parses every built page once and checks all of it, head included: the content
  (`<article>`) against `CONTENT`, the theme's frame against `HEAD` and `CHROME`.

Anything not listed is refused: elements, attributes (event handlers, `style`, `srcset`,
`poster`, `background`, `ping`, `data-pagefind-*` …), URL schemes, addresses of other hosts
for anything a browser fetches by itself, and inline scripts that are not the theme's own.
The parser is lexbor's (selectolax), an HTML5-conformant one: Python's `html.parser` reads
`<!-->`, `<noscript>` or `<![CDATA[` differently from browsers, which let scripts through.
"""

from __future__ import annotations

import base64
import fnmatch
import functools
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import theme

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
"""What a link in a text may lead to, besides the site's own pages."""

_ANY = frozenset({"id", "class", "lang", "dir", "title"})


def _elements(spec: dict[str, str]) -> dict[str, frozenset[str]]:
    return {tag: frozenset(attributes.split()) | _ANY for tag, attributes in spec.items()}


EDITOR_TEXT = {tag: frozenset(attributes.split()) for tag, attributes in {
    "p": "", "em": "", "strong": "", "br": "", "ul": "", "ol": "start", "li": "", "a": "href title hreflang",
}.items()}  # fmt: skip
"""What an editor's rich text may become: paragraphs, emphasis, lists, links (faqgen marks
those to a page in one language with hreflang; editors cannot write attributes)."""

CONTENT = _elements({
    "article": "", "section": "aria-labelledby", "nav": "aria-labelledby", "div": "itemscope itemtype itemprop", "h1": "",
    "h2": "", "h3": "", "p": "", "em": "", "strong": "", "br": "", "ul": "", "ol": "start", "li": "", "span": "",
    "time": "datetime", "dl": "", "dt": "", "dd": "", "a": "href hreflang data-copied type download", "meta": "itemprop content",
})  # fmt: skip
"""The page's content (`<article>`): the editors' texts and faqgen's templates, with the
schema.org microdata of an audience page (its FAQPage, questions and answers)."""

HEAD = {
    "head": frozenset(), "title": frozenset(), "meta": frozenset({"charset", "name", "content"}),
    "link": frozenset({"rel", "href", "hreflang", "type", "title"}), "script": frozenset({"src", "type", "id"}),
}  # fmt: skip

CHROME = _elements(theme.FRAME_ELEMENTS)
"""The theme's frame around the content (faqgen/theme.py)."""

_CHROME_DATA = re.compile(rf"data-(?:{theme.FRAME_DATA}|none|one|other|failed|partial|spelled|placeholder|site-root|faq-toggle|(?:item|link|article)-class)$")
UNREQUESTED_FILES = (*theme.UNREQUESTED_FILES, "pagefind/pagefind-*ui.*", "pagefind/pagefind-highlight.js")
"""What the theme (faqgen/theme.py) and Pagefind ship that no page of the site requests (about 2.4
of 4.2 MB): the theme's own search and source maps, and Pagefind's ready-made interfaces and
highlighter (faqgen/assets/faq-search.js is the interface). The build leaves them out;
verification refuses them."""

# Every page's Content-Security-Policy, as a <meta> (GitHub Pages sets no headers): scripts from
# the site, and inline only the theme's own by their hash (an injected one does not run even if
# it got past verification); no eval; nothing fetched, framed or posted elsewhere. Styles may be
# inline: the theme sets style attributes. (Pagefind's WebAssembly runs in its worker, which a
# page's <meta> policy does not govern.)
POLICY = ("default-src 'self'; script-src 'self'{scripts}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'none'")  # fmt: skip
_CHARSET = '<meta charset="utf-8">'


def unrequested_file(path: str) -> bool:
    """Whether `path` (below the site root, with /) is one of the UNREQUESTED_FILES."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in UNREQUESTED_FILES)


def with_policy(html: str) -> str:
    """The page with its Content-Security-Policy, first after its charset: the theme's inline
    scripts (theme.INLINE_SCRIPTS) allowed by their hashes, and no other."""
    if _CHARSET not in html:
        raise ValueError(f"a page without {_CHARSET}: the policy must come before its first script")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_of(LexborHTMLParser(html))}">'
    return html.replace(_CHARSET, f"{_CHARSET}\n  {meta}", 1)


def policy_of(page: LexborHTMLParser) -> str:
    """The policy `page` must carry: the hashes of its inline scripts that are the theme's."""
    hashes = []
    for script in page.css("script:not([src])"):
        text = script.text(deep=True)
        if _fingerprint(text) in theme.INLINE_SCRIPTS:  # a data script (JSON) is never one of them
            hashes.append("'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'")
    return POLICY.format(scripts="".join(" " + sha for sha in dict.fromkeys(hashes)))


def _fingerprint(script: str) -> str:
    """An inline script's SHA-256 as theme.INLINE_SCRIPTS lists them (the path to the root as ".")."""
    return hashlib.sha256(theme.RELATIVE_ROOT.sub('"."', script).encode("utf-8")).hexdigest()


_C0_AND_SPACE = "".join(map(chr, range(0x21)))


@functools.lru_cache(maxsize=8192)  # a site repeats its menu's addresses on every page
def read_url(value: str) -> SplitResult | None:
    """The URL as a browser reads an attribute's value: spaces and control characters around
    it dropped, tabs and line breaks inside it removed, `\\` read as `/` (so `/\\host` and
    `https:\\\\host` name another host). None if it cannot be read (`https://[x`)."""
    value = re.sub(r"[\t\n\r]", "", value.strip(_C0_AND_SPACE))
    try:
        return urlsplit(value.replace("\\", "/"))
    except ValueError:
        return None


def same_site(value: str) -> bool:
    """A relative address: no scheme, no host (so it stays on the site)."""
    url = read_url(value)
    return url is not None and not url.scheme and not url.netloc


def link_problem(value: str) -> str | None:
    """Why a link's address is refused, or None: https, http, mailto or the site's own pages."""
    url = read_url(value)
    if url is None:
        return "this address cannot be read"
    if url.scheme:
        if url.scheme.lower() not in LINK_SCHEMES:
            return f"`{url.scheme.lower()}:` links are not allowed"
        return None
    if url.netloc:
        return "an address starting with // (or /\\) leads to another host"
    return None


@dataclass(frozen=True)
class Fragment:
    html: str  # re-serialized from the parsed tree: what the browser will see
    problems: list[str]  # sentences, empty when everything is allowed


def check_fragment(html: str, allowed: dict[str, frozenset[str]] = EDITOR_TEXT) -> Fragment:
    """Parse `html` as a fragment of a page's body, as a browser would, and check it."""
    tree = LexborHTMLParser(html, is_fragment=True)
    problems = []
    for node in _elements_of(tree.root):
        tag, attributes = node.tag, node.attributes
        problems += _element_problems(tag, attributes, allowed, where="in a text")
        if tag == "a" and (href := attributes.get("href")) is not None:
            if reason := link_problem(href):
                problems.append(f"{reason}: `{href}`")
            elif same_site(href):
                problems.append(f"`{href}` is not a web address (https://, http:// or mailto:)")
    return Fragment(_serialize(tree), problems)


@dataclass
class PageFacts:
    """What verification reads of a built page, gathered in the allowlist's one traversal."""

    lang: str | None = None  # of <html>
    robots: str | None = None  # <meta name="robots" content>: "noindex" on a reviewers' preview only
    ids: list[str] = field(default_factory=list)  # every element's id, in document order
    links: list[str] = field(default_factory=list)  # every <a href>
    addresses: list[tuple[str, str | None, str]] = field(default_factory=list)  # (rel, type, href): canonical, alternates
    policy: str | None = None  # its Content-Security-Policy, if it comes before any script


def check_page(html: str | bytes) -> tuple[PageFacts, list[str]]:
    """What verification needs of the page (its text, or its UTF-8 bytes: a byte that is not
    UTF-8 is read as U+FFFD, as browsers do), and what it holds that is not allowed (sentences).
    One traversal in document order; a zone (the head, the content, the publisher's footer)
    is entered at its element and left at the first node after it."""
    page = LexborHTMLParser(html)
    facts, problems = PageFacts(), []
    head, content = _Zone(HEAD, "in the head", False), _Zone(CONTENT, "in the content", True)
    # The publisher's footer (faqgen/frame.py) links to its own site: the frame's only links elsewhere.
    # It is the page's last: one pasted into the content comes before it.
    footer = _Zone(CHROME, "in the page", True)
    footers = page.css("footer.faq-footer")
    starts = {node.mem_id: (zone, _end_of(node)) for zone, node in
              ((head, page.head), (content, page.css_first("article")), (footer, footers[-1] if footers else None))
              if node is not None}  # fmt: skip
    zones = [(_Zone(CHROME, "in the page", False), None)]  # (zone, where it ends): the innermost last
    scripts_before_policy = False
    for node in _elements_of(page.root):
        tag, attributes, at = node.tag, node.attributes, node.mem_id  # each read once: lexbor makes them anew
        while zones[-1][1] == at:
            zones.pop()
        if at in starts and not (starts[at][0] is footer and zones[-1][0] is content):  # the content's rules win
            zones.append(starts[at])
        zone = zones[-1][0]
        if zone is head and tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            facts.policy = attributes.get("content") or ""  # the one http-equiv a page may have (not `refresh`)
            attributes = {name: value for name, value in attributes.items() if name != "http-equiv"}
        permitted = zone.allowed.get(tag)
        if permitted is None or not attributes.keys() <= permitted:  # most elements: allowed as they are
            problems += _element_problems(tag, attributes, zone.allowed, where=zone.where)
        if "href" in attributes or "src" in attributes:  # what _url_problems reads
            problems += _url_problems(tag, attributes, links_elsewhere=zone.links_elsewhere)
        if tag == "script":
            problems += _script_problems(node)
            scripts_before_policy = scripts_before_policy or facts.policy is None
        if "id" in attributes:
            facts.ids.append(attributes["id"] or "")  # `<p id>`: an empty id, as browsers read it
        if tag == "a" and "href" in attributes:
            facts.links.append(attributes["href"] or "")
        elif tag == "link" and attributes.get("rel") in ("canonical", "alternate"):
            facts.addresses.append((attributes["rel"], attributes.get("type"), attributes.get("href") or ""))
        elif tag == "html" and facts.lang is None:
            facts.lang = attributes.get("lang")
        elif tag == "meta" and attributes.get("name") == "robots":
            facts.robots = attributes.get("content") or ""
    problems += _policy_problems(facts.policy, policy_of(page), scripts_before_policy)
    ids = Counter(facts.ids)
    problems += [f"the id `{name}` is used twice" for name, count in sorted(ids.items()) if count > 1]
    return facts, problems


def _policy_problems(policy: str | None, expected: str, scripts_before_policy: bool) -> list[str]:
    if policy is None:
        return ["no Content-Security-Policy <meta>: nothing would stop a script that got into the page"]
    if scripts_before_policy:
        return ["a script comes before the Content-Security-Policy <meta>, which does not cover it"]
    if policy != expected:
        return [f"the Content-Security-Policy is not faqgen's (`{policy}`; expected `{expected}`)"]
    return []


@dataclass(frozen=True)
class _Zone:
    allowed: dict[str, frozenset[str]]
    where: str
    links_elsewhere: bool


def _end_of(node: LexborNode) -> int | None:
    """The first node after `node`'s descendants in a traversal without text (its mem_id), or
    None where it runs to the end of the document."""
    while node is not None:
        after = node.next
        while after is not None and after.tag == "-text":
            after = after.next
        if after is not None:
            return after.mem_id
        node = node.parent
    return None


def _elements_of(root: LexborNode | None):
    if root is None:
        return
    for node in root.traverse(include_text=False):  # a fragment's root: its first node, then the rest
        if node.tag not in ("-comment", "-document", "-text", "-doctype", "-undef", "-template-content"):
            yield node


def _element_problems(tag: str, attributes: dict, allowed: dict[str, frozenset[str]], where: str) -> list[str]:
    problems = [] if tag in allowed else [f"the element <{tag}> is not allowed {where}"]
    permitted = allowed.get(tag, ())
    for name in attributes:
        if name in permitted or name.startswith("aria-") or (allowed is CHROME and _CHROME_DATA.match(name)):
            continue
        problems.append(f"the attribute `{name}` on <{tag}> is not allowed {where}")
    return problems


def _url_problems(tag: str, attributes: dict, *, links_elsewhere: bool) -> list[str]:
    """Links: allowed schemes (and, outside the content, the site's own pages only). Anything
    fetched by the browser itself: this site only; canonical and language alternates are
    absolute addresses of this site, checked by verify."""
    if tag == "a" and (href := attributes.get("href")) is not None:
        if reason := link_problem(href):
            return [f"{reason}: `{href}`"]
        if not links_elsewhere and not same_site(href):
            return [f"a link to another site in the page's frame: `{href}`"]
        return []
    if tag == "link" and attributes.get("rel") in ("canonical", "alternate"):
        return []
    for name in ("src", "href"):
        value = attributes.get(name)
        if value is not None and not same_site(value):
            return [f"<{tag}> loads `{value}` from another host"]
    return []


def _script_problems(node: LexborNode) -> list[str]:
    if "src" in node.attributes:
        return []
    text = node.text(deep=True)
    if node.attributes.get("type") in theme.DATA_SCRIPT_TYPES:
        try:
            json.loads(text)
        except ValueError:
            return [f"a {node.attributes['type']} script that is not JSON"]
        return []
    if (fingerprint := _fingerprint(text)) not in theme.INLINE_SCRIPTS:
        return [f"an inline script that is not the theme's (sha256 {fingerprint}): {text[:60]!r}"]
    return []


def _serialize(tree: LexborHTMLParser) -> str:
    # The HTML serializer writes U+00A0 as &nbsp;: keep the character (French typography),
    # which is as inert; a typed "&nbsp;" would have been serialized as "&amp;nbsp;".
    return (tree.html or "").replace("&nbsp;", "\u00a0")
