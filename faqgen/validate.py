"""Stage 3: turn loaded data into the content model, or into a list of located problems.

In order, every problem found at once: what the loader noticed (characters editors cannot
see), the model's errors in plain words (faqgen/messages.py), the checks on every text
(faqgen/texts.py, which also runs when the model could not be built), the rules across entries
(faqgen/rules/, once the model exists), and the translation status as warnings. Each problem
names the file, line, column and the question id or key path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import pydantic

from . import processes, rules, translations
from .languages import LANGUAGES
from .loader import Source
from .messages import model_problem
from .model import Faq
from .problems import FaqError, Problem
from .rich_text import RichTextRenderer
from .texts import text_problems


@dataclass(frozen=True)
class Validated:
    faq: Faq
    warnings: list[Problem]  # publishable, but somebody should look (e.g. a stale translation)
    texts: RichTextRenderer  # the rich texts, converted and checked: the pages use them


def validate(source: Source, *, strict: bool = False, earlier: RichTextRenderer | None = None,
             parallel: bool = False) -> Validated:  # fmt: skip
    """The model of `source`; FaqError with every problem if it is not publishable.
    With strict=True, warnings are errors too (CI publishes nothing that needs a look).
    `earlier`: the rich texts of a previous run (the preview's), whose conversions are reused.
    With `parallel` (where processes.can_fork()), a child checks the texts of the languages after
    the first, and the translations, meanwhile, and hands back their problems and conversions."""
    problems = list(source.problems)
    texts = RichTextRenderer.for_data(source.data, earlier)
    others = LANGUAGES[1:]
    helper = processes.Forked(lambda: (list(text_problems(source, texts, others)), texts.conversions(others),
                                       list(_translation_warnings(source)))) if parallel else None  # fmt: skip
    try:
        try:
            faq = Faq.model_validate(source.data)
        except pydantic.ValidationError as error:
            faq = None
            problems += [model_problem(source, detail) for detail in error.errors(include_url=False)]
        problems += text_problems(source, texts, LANGUAGES[:1] if helper else LANGUAGES)
        found = list(rules.problems(source, faq)) if faq is not None else []
    except BaseException:
        if helper:
            helper.kill()
        raise
    if helper:
        in_child, conversions, stale = helper.wait()
        problems += in_child
        texts.adopt(conversions)
    else:
        stale = list(_translation_warnings(source))
    problems += [problem for problem in found if problem.severity == "error"]
    warnings = [problem for problem in found if problem.severity == "warning"] + stale
    if strict:
        problems += [replace(warning, severity="error") for warning in warnings]
        warnings = []
    if problems:
        raise FaqError(problems + warnings)
    return Validated(faq, sorted(warnings), texts)


def _translation_warnings(source: Source) -> Iterator[Problem]:
    for status in translations.statuses(source):
        if status.ok or status.state is translations.State.MISSING:  # missing texts are errors of the model
            continue
        confirmed = (*status.path, translations.CONFIRMED_KEY)
        line, column = source.where(confirmed) if confirmed in source.positions else source.where(status.path, key=True)
        yield Problem(source.file, line, column, translations.message(status), status.owner, "warning", status.state.value)
