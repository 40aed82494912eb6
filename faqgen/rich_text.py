"""A rich text as readers get it: the editors' small Markdown (faqgen/markup.py) converted, then
parsed as a browser would and held to the allowlist (faqgen/safety.py).

Validation converts every text once, to find what is not allowed at its place; rendering then
uses the same conversions, so `check` sees exactly what the pages will hold. It sits before both
stages: validation does not depend on rendering.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .labels import LABELS
from .languages import LANGUAGES, typeset
from .markup import EditorMarkdown, put_links, split_blocks
from .model import is_web_address
from .safety import check_fragment


@dataclass(frozen=True)
class RenderedText:
    html: str
    problems: list[str]


class RichTextRenderer:
    """A rich text → checked HTML: the editors' small Markdown converted (faqgen/markup.py), then
    parsed as a browser would and held to the allowlist (faqgen/safety.py); the [[…]] links
    and blocks, which faqgen makes itself, are put in afterwards. The validator and the
    renderer both use this, so `check` sees exactly what the pages will hold."""

    def __init__(self, references: Mapping[str, Mapping[str, tuple[str, str]]],
                 marks: Mapping[str, Mapping[str, tuple[str, str]]] | None = None):
        """`references`: per language, link id → (url, title): the entries of `links:`
        (`link_references`); `marks`: per language, the addresses of pages in one other
        language only → (that language, the words that say so) (`link_marks`)."""
        self.converter = EditorMarkdown()  # one, reset between texts: making one costs more than converting
        self.references = references
        self.marks = marks or {}
        # Each text is converted and checked once per run: the validator's work is the renderer's.
        self._converted: dict[tuple[str, str], list[tuple[str, str, list[str], list[str]]]] = {}

    def render(self, text: str, lang: str, question_link=None, blocks=None) -> RenderedText:
        parts, problems = [], []
        for kind, converted, names, found in self._pieces(text, lang):
            if kind == "block":
                parts.append(blocks[converted]() if blocks else "")
                continue
            problems += found
            # The [[question-id]] links are faqgen's own, put in once the editor's part is checked.
            parts.append(put_links(converted, names, question_link) if question_link else converted)
        return RenderedText("\n".join(parts), problems)

    def _pieces(self, text: str, lang: str) -> list[tuple[str, str, list[str], list[str]]]:
        """The text typeset, split around its blocks, each other piece converted and checked:
        (kind, HTML or the block's name, [[link]] names, problems). Once per text and language."""
        text = text.strip()  # as the model holds it: the validator hands the loaded text, the pages the model's
        if (text, lang) not in self._converted:
            pieces = []
            for kind, piece in split_blocks(typeset(text, lang)):
                if kind == "block":
                    pieces.append((kind, piece, [], []))
                    continue
                html, names, marked_up = self.converter.convert(piece, self.references.get(lang, {}), self.marks.get(lang))
                if marked_up:
                    fragment = check_fragment(html)
                    pieces.append((kind, fragment.html, names, fragment.problems))
                else:  # paragraphs of text without < > &: nothing to check (the property tests hold it)
                    pieces.append((kind, html, names, []))
            self._converted[(text, lang)] = pieces
        return self._converted[(text, lang)]

    def conversions(self, languages: Sequence[str]) -> dict:
        """This run's conversions of the texts in `languages`, for `adopt` (in another process)."""
        return {key: pieces for key, pieces in self._converted.items() if key[1] in languages}

    def adopt(self, conversions: dict) -> None:
        self._converted.update(conversions)

    @classmethod
    def for_data(cls, data, earlier: RichTextRenderer | None = None) -> RichTextRenderer:
        """The renderer for the `links:` of loaded data (or of the model's dump); `earlier`'s
        conversions are kept if it read the same links (the preview's next build)."""
        renderer = cls(link_references(data), link_marks(data))
        if earlier is not None and (earlier.references, earlier.marks) == (renderer.references, renderer.marks):
            renderer._converted = earlier._converted
        return renderer


def link_marks(data) -> dict[str, dict[str, tuple[str, str]]]:
    """Per language, address → (language, words) of each `links:` entry whose page is in
    another language only (`only_in`): "(in French only)" after the link on English pages."""
    links = data.get("links") if isinstance(data, dict) else None
    marks: dict[str, dict[str, tuple[str, str]]] = {lang: {} for lang in LANGUAGES}
    for link in links if isinstance(links, list) else []:
        only_in = link.get("only_in") if isinstance(link, dict) else None
        if only_in not in LANGUAGES or not isinstance(link.get("url"), dict):
            continue
        for lang in LANGUAGES:
            url = link["url"].get(lang)
            if lang != only_in and isinstance(url, str):
                marks[lang][url.strip()] = (only_in, LABELS[lang][f"only_in_{only_in}"])
    return marks


def link_references(data) -> dict[str, dict[str, tuple[str, str]]]:
    """Per language, link id → (url, title) of the `links:` of loaded data (or of the model's
    dump), as texts use them in [words][link-id]. Read from data, so that the validator can
    convert texts before the model exists: an address that is not one (the model reports it
    at its place) is replaced by a harmless one, so texts are still checked."""
    links = data.get("links") if isinstance(data, dict) else None
    references: dict[str, dict[str, tuple[str, str]]] = {lang: {} for lang in LANGUAGES}
    for link in links if isinstance(links, list) else []:
        if not isinstance(link, dict) or not isinstance(link.get("id"), str):
            continue
        for lang in LANGUAGES:
            url, title = (link.get(key).get(lang) if isinstance(link.get(key), dict) else None for key in ("url", "title"))
            url = url.strip() if isinstance(url, str) and is_web_address(url.strip()) else "https://link.invalid/"
            references[lang][link["id"]] = (url, typeset(title.strip(), lang) if isinstance(title, str) else "")
    return references
