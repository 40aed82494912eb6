"""The site's search index, built with Pagefind after MkDocs has built every language.

Pagefind keeps one index per `<html lang>`, folds accents and stems French, and the browser
downloads only the chunks a query needs, plus one "fragment" (the text) of each result it
shows. A page's fragment holds the whole page, so an audience page of a thousand questions
would cost every query hundreds of kilobytes: an audience page's questions are therefore
indexed in parts of a few (each question a heading with its anchor, so each is a result of
its own), and the page's own record holds only its title and key points. The other pages (home,
timeline, glossary) are indexed whole, their article as the page will show it (faqgen.frame.framed:
its content and frame). Pagefind indexes files, so records are written as
small HTML files into an index-only copy (its Python API takes ~0.1 s a record). None needs
a built page: Pagefind starts as soon as the pages are converted, while MkDocs builds them,
and writes its bundle aside, moved into the site once the build is done (MkDocs empties the
site folder when it starts).

Pagefind finds the pages that hold every word of a query, as the reader typed it. Readers type
words the texts do not use, abbreviations, and typos; Pagefind ranks pages, and a record holds
many questions. So the search script (faqgen/assets/faq-search.js) asks Pagefind for each word
on its own and ranks questions itself, and needs two facts per language from the build, in
`pagefind/faq-search-<lang>.json`: the groups of equivalent words (glossary abbreviations and
what they stand for, in both languages; editors' synonyms), and the index's own words, most
frequent first, from which a misspelt word is corrected.

Pagefind does not separate French elisions: it indexes `l’économie` as one word, so
"économie" would not find it. Indexed texts therefore have a no-break space after each elided
article (`l’ économie`); the search script strips elisions from queries and the space from
excerpts, so readers never see it.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from selectolax.lexbor import LexborHTMLParser

from . import processes
from .compiled import COMPILED
from .formats import BuiltSite, Format
from .languages import LANGUAGES, SNOWBALL, typeset
from .model import SUMMARY_ANCHORS, Audience, Faq
from .render import TEMPLATES, question_heading
from .safety import unrequested_file
from .site_plan import SEARCH_FOLDER

_ELIDED = "[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu"  # at most 6 letters
ELISION = re.compile(rf"(?<![\w’'])((?:{_ELIDED})’)(?=\w)", re.IGNORECASE)
"""An elided word and its apostrophe, joined to the next word; separate_elisions finds them faster."""
_APOSTROPHE = re.compile(r"’(?=\w)")
_ELIDED_AT_END = re.compile(rf"(?:{_ELIDED})\Z", re.IGNORECASE)
_JOINED = re.compile(r"[\w’']")
BUNDLE = SEARCH_FOLDER
WORD = re.compile(r"[^\W\d_]{4,}")  # the index's words the search script knows and corrects to
_ANCHORED = "h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]"


class SearchIndexError(Exception):
    pass


QUESTIONS_PER_RECORD = 20
"""Each result the reader sees downloads its record's text: 20 answers are ~6 KB compressed.
One record per question would cost Pagefind ~50 KB of memory each while indexing."""


@dataclass(frozen=True)
class RecordQuestion:
    anchor: str
    heading: str
    text: str


@dataclass(frozen=True)
class Record:
    """A search record of a page (`url` below the site root: "/en/municipalities/"): the page's
    key points, or a `part` of its questions, each with its anchor."""

    url: str
    lang: str
    title: str
    text: str = ""
    questions: tuple[RecordQuestion, ...] = ()
    part: int | None = None
    html: str = ""  # a whole page's article (faqgen.frame.framed), its own h1 the result's title

    @property
    def file(self) -> str:
        """Where it lies in the index-only copy: the page's own place, its parts below it."""
        part = f"part-{self.part}" if self.part is not None else ""
        return "/".join(piece for piece in (self.url.strip("/"), part, "index.html") if piece)


def audience_records(audience: Audience, lang: str, url: str, texts: dict[str, str]) -> list[Record]:
    """The page's key points, if any, and its questions in parts, `texts` being the page's
    section texts (faqgen/page_html.py), `url` the page's ("/en/municipalities/")."""
    title = typeset(audience.title.in_(lang), lang)
    questions = [
        RecordQuestion(question.id, question_heading(number, question, lang), texts[question.id])
        for number, question in enumerate(audience.questions, start=1)
    ]
    parts = range(0, len(questions), QUESTIONS_PER_RECORD)
    key_points = [Record(url, lang, title, texts["key-points"])] if "key-points" in texts else []
    return key_points + [
        Record(url, lang, title, questions=tuple(questions[start : start + QUESTIONS_PER_RECORD]), part=number)
        for number, start in enumerate(parts, start=1)
    ]


def page_record(html: str, lang: str, url: str) -> Record:
    """A page other than an audience's, indexed whole, `html` its article as the page shows it
    (faqgen.frame.framed); `url` as audience_records'."""
    return Record(url, lang, title="", html=html)


def separate_elisions(text: str) -> str:
    """A no-break space after each ELISION. Found from each apostrophe: a pattern that starts with
    a character is searched for at C speed, ELISION is tried at every place (0.6 s of the search
    records at 5,000 questions)."""
    pieces, done = [], 0
    for apostrophe in _APOSTROPHE.finditer(text):
        at = apostrophe.start()
        word = _ELIDED_AT_END.search(text, max(0, at - 6), at)  # the longest such word that ends here
        if word and not (word.start() and _JOINED.match(text, word.start() - 1)):
            pieces += (text[done : at + 1], "\u00a0")
            done = at + 1
    return "".join(pieces) + text[done:] if pieces else text


_STOP_WORDS = Path(__file__).parent / "stop_words"
_LISTED = re.compile(r"^([^\s|]+)", re.MULTILINE)  # a word at the start of a line
# The forms the list leaves out only as homonyms of content words, which matters to an index
# ("est" the east, "will" a testament) but not to a query: a commented line that is a word
# marked "Omitted because…" (French), or a bare word under the auxiliaries (English `|will`).
_LEFT_OUT = re.compile(r"^ ?\| ?([^\W\d_]+)\s+(?:-|\|)\s+.*Omitted because|^ ?\|([^\W\d_]+)$", re.MULTILINE)


def stop_words(lang: str) -> list[str]:
    """The little words of `lang` that a query's ranking and highlights leave out: Snowball's
    list (faqgen/stop_words/README.md), with the forms it leaves out only as homonyms."""
    text = (_STOP_WORDS / f"{SNOWBALL[lang]}.txt").read_text(encoding="utf-8")
    left_out = [first or second for first, second in _LEFT_OUT.findall(text)]
    return sorted({*_LISTED.findall(text), *left_out})


def equivalents(faq: Faq, lang: str) -> list[list[str]]:
    """Groups of words search treats as one, for pages in `lang`: each glossary term with its
    abbreviations (a reader may type the other language's: ODSP on a French page), and the
    editors' synonyms."""
    glossary = [
        [*dict.fromkeys(entry.abbreviation.in_(other) for other in (lang, *LANGUAGES)), entry.term.in_(lang)]
        for entry in faq.glossary
    ]
    return glossary + [synonyms.in_(lang) for synonyms in faq.synonyms]


@dataclass
class Counted:
    """What records hold: how many records and sections (headings with an anchor: each a
    result) per language, and their words."""

    words: dict[str, Counter] = field(default_factory=lambda: {lang: Counter() for lang in LANGUAGES})
    counts: Counter = field(default_factory=Counter)  # (lang, "records" or "sections") → how many

    def add(self, lang: str, sections: int, text: str) -> None:
        self.counts[lang, "records"] += 1
        self.counts[lang, "sections"] += sections
        self.words[lang].update(map(str.lower, WORD.findall(text)))

    def merge(self, other: Counted) -> None:
        for lang, found in other.words.items():
            self.words[lang].update(found)
        self.counts.update(other.counts)


class SearchCopy:
    """What Pagefind indexes: a temporary folder of HTML files (the records), and the words
    counted on the way, for the search script's spelling list. Records can be added in child
    processes (those that converted their pages: faqgen/outputs.py), each of which hands back
    what it counted."""

    def __init__(self):
        self.aside = Aside("copy", _in_memory())
        self.folder = self.aside.path / "site"  # what Pagefind indexes; children write beside it
        self.folder.mkdir()
        self.counted = Counted()  # every record's, once merged

    def add_records(self, records: Iterable[Record], until: threading.Event | None = None, *,
                    beside: bool = False) -> Counted:  # fmt: skip
        """Write the records (all, or until `until` is set: a newer preview build); what they hold,
        counted, for `self.counted` (merged here, or by the process whose child wrote them).
        `beside`: into a folder of their own (a child's, writing while another does), which
        `gather` puts in place."""
        folder = Path(tempfile.mkdtemp(prefix="beside-", dir=self.aside.path)) if beside else self.folder
        template = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, bytecode_cache=COMPILED
        ).get_template("search_record.html.j2")
        counted = Counted()
        for record in records:
            if until is not None and until.is_set():
                break
            _write(folder / record.file, template.render(record=record))
            if record.html:  # a page: its headings with an anchor are its results
                page = LexborHTMLParser(record.html, is_fragment=True)
                counted.add(record.lang, len(page.css(_ANCHORED)) or 1, page.text(separator=" "))
                continue
            # Read from the record's own texts: parsing thousands of records again costs seconds.
            texts = [record.title, record.text, *(text for q in record.questions for text in (q.heading, q.text))]
            sections = len(record.questions) + bool(record.text)
            counted.add(record.lang, sections, " ".join(texts))  # separated or not, the same words
        return counted

    def gather(self) -> None:
        """Put the records written beside (`add_records`) in place, in one order whoever wrote
        them and when: Pagefind numbers the pages in the order it finds their files, which is
        the order they were made in, and builds must be byte-identical."""
        besides = [folder for folder in self.aside.path.iterdir() if folder != self.folder]
        _merge(besides, self.folder)
        for beside in besides:
            shutil.rmtree(beside)  # what is left: the folders merged

    def remove(self) -> None:
        self.aside.remove()


class SearchIndex:
    """The search bundle Pagefind (a process of its own) is writing, aside, so that the build can
    go on meanwhile; `finish` waits for it, adds faqgen's facts for the search script and moves
    it into the site (`site/pagefind/`)."""

    def __init__(self, site: Path, faq: Faq, copy: SearchCopy, bundle: Aside, indexer: subprocess.Popen):
        self.site, self.faq, self.copy, self.aside, self.indexer = site, faq, copy, bundle, indexer
        self.bundle = bundle.path

    @classmethod
    def start(cls, site: Path, copy: SearchCopy, faq: Faq) -> SearchIndex:
        bundle = None
        try:
            bundle = Aside("bundle")
            indexer = processes.start(
                [sys.executable, "-m", "pagefind", "--site", str(copy.folder), "--root-selector", "article",
                 "--output-path", str(bundle.path)],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )  # fmt: skip
        except BaseException:
            copy.remove()
            if bundle is not None:
                bundle.remove()
            raise
        return cls(site, faq, copy, bundle, indexer)

    def finish(self) -> None:
        """Wait for Pagefind and put its bundle into the site; SearchIndexError if it failed."""
        try:
            output, _ = self.indexer.communicate()
            if self.indexer.returncode != 0:
                raise SearchIndexError(f"pagefind could not index the site:\n{output}")
            _stable_entry(self.bundle / "pagefind-entry.json")
            counted = self.copy.counted
            for lang in LANGUAGES:
                facts = {
                    "records": counted.counts[lang, "records"],
                    "sections": counted.counts[lang, "sections"],
                    "equivalents": equivalents(self.faq, lang),
                    "stop_words": stop_words(lang),
                    "summaries": sorted(SUMMARY_ANCHORS),
                    "words": [word for word, _ in sorted(counted.words[lang].items(), key=lambda item: (-item[1], item[0]))],
                }
                (self.bundle / search_facts_file(lang).removeprefix(f"{BUNDLE}/")).write_text(
                    json.dumps(facts, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
                )
            for path in list(self.bundle.iterdir()):  # its ready-made interfaces: no page requests them
                if unrequested_file(f"{BUNDLE}/{path.name}"):
                    path.unlink()
            shutil.rmtree(self.site / BUNDLE, ignore_errors=True)
            shutil.move(self.bundle, self.site / BUNDLE)  # a rename where they share a file system, else a copy
        finally:
            self._remove()

    def cancel(self) -> None:
        """The build failed meanwhile: end Pagefind, remove its copy and bundle."""
        self.stop()
        self.indexer.communicate()
        self._remove()

    def stop(self) -> None:
        """End Pagefind now (from any thread): `finish` then fails, `cancel` cleans up."""
        self.indexer.kill()

    def _remove(self) -> None:
        self.copy.remove()
        self.aside.remove()  # moved into the site by now, unless it failed


class Aside:
    """A temporary folder of this run's (the search copy, Pagefind's bundle), beside a lock file
    this process holds until it removes them. A run that is killed leaves them; the next one
    removes those whose lock nobody holds, never those of a run under way, whatever its process
    id (containers can share a temporary folder)."""

    PREFIX = "faq-search-"

    def __init__(self, kind: str, where: str | None = None):
        parent = Path(where or tempfile.gettempdir())
        _remove_leftovers(parent)
        self.path = Path(tempfile.mkdtemp(prefix=f"{self.PREFIX}{kind}-", dir=parent))
        self.lock = self.path.with_name(self.path.name + ".lock")
        # Locked under another name, then renamed: no moment when a run could take it for a leftover.
        claiming = self.path.with_name(self.path.name + ".claiming")
        self._held: int | None = os.open(claiming, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
        fcntl.flock(self._held, fcntl.LOCK_EX)
        claiming.rename(self.lock)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._held is not None:
            self.lock.unlink(missing_ok=True)
            os.close(self._held)  # releases the lock
            self._held = None


def _remove_leftovers(parent: Path) -> None:
    """The folders of killed runs in `parent`: those whose lock file is held by no process."""
    for lock in parent.glob(f"{Aside.PREFIX}*.lock"):
        try:
            descriptor = os.open(lock, os.O_WRONLY | os.O_CLOEXEC)
        except OSError:  # removed meanwhile, or another user's
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            shutil.rmtree(lock.with_name(lock.name.removesuffix(".lock")), ignore_errors=True)
            lock.unlink(missing_ok=True)
        except OSError:  # held: a run under way
            pass
        finally:
            os.close(descriptor)


_SHARED_MEMORY = Path("/dev/shm")
_ROOM = 1 << 30  # free bytes it must have: the records of 10,000 questions take 30 MB


def _in_memory() -> str | None:
    """Where the records are written: a file system in memory (Linux's /dev/shm) if there is one
    with room, else the usual temporary folder. Thousands of files are written and read once:
    on a disk busy writing the site, creating each cost up to a millisecond (bench/RESULTS.md)."""
    try:
        room = shutil.disk_usage(_SHARED_MEMORY).free
    except OSError:
        return None
    return str(_SHARED_MEMORY) if room >= _ROOM and os.access(_SHARED_MEMORY, os.W_OK | os.X_OK) else None


def _write(path: Path, html: str) -> str:
    """Write one file to index; its text as written."""
    html = separate_elisions(html)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return html


def _merge(sources: list[Path], target: Path) -> None:
    """The entries of `sources` moved into `target` by name, in order; a folder that only one
    source has is moved whole (each child made its own in one order), the others merged."""
    named: dict[str, list[Path]] = {}
    for source in sources:
        for entry in source.iterdir():
            named.setdefault(entry.name, []).append(entry)
    for name, entries in sorted(named.items()):
        if len(entries) == 1:
            entries[0].rename(target / name)
        else:
            (target / name).mkdir()
            _merge(entries, target / name)


def _stable_entry(path: Path) -> None:
    """Pagefind lists the languages in no fixed order; sort them, so that builds are byte-identical."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def search_facts_file(lang: str) -> str:
    """The facts the search script needs in `lang`, in the search bundle (below the site root)."""
    return f"{BUNDLE}/faq-search-{lang}.json"


ENTRY_FILE = f"{BUNDLE}/pagefind-entry.json"
"""Pagefind's list of its indexes, one per language."""


def index_problems(facts: bytes, lang: str | None, site: BuiltSite) -> list[str]:
    """Verification: the language's facts are read, and Pagefind indexed every record of the
    language that faqgen wrote (a language the index lacks finds nothing)."""
    if (entry_file := site.file(ENTRY_FILE)) is None:
        return [f"no /{ENTRY_FILE}: Pagefind indexed nothing, and search finds nothing"]
    try:
        records = json.loads(facts)["records"]
        entry = json.loads(entry_file)
        indexed = entry["languages"].get(lang, {}).get("page_count", 0)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        return [f"the search facts or /{ENTRY_FILE} cannot be read: {error!r}"]
    return [] if indexed == records else [f"the search index has {indexed} records in `{lang}`; faqgen wrote {records}"]


FORMAT = Format(
    "search", "application/json", search_facts_file, per_language=True, at_site_root=True,
    make=None, made_by="Pagefind, once the pages are converted (faqgen/outputs.py)", check=index_problems,
)  # fmt: skip
