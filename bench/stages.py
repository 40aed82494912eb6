"""Our own stage on one faq.yaml, each part timed, and the floor of the pieces: libyaml's load alone and a Jinja render of the same texts alone.

python -m bench.stages FAQ_YAML CONTENT_DIR   → one JSON object on stdout
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import jinja2
import yaml

from faqgen.loader import load_file
from faqgen.processes import cycle_collection_paused
from faqgen.render import render_site
from faqgen.validate import validate
from faqgen.write import write_pages

FLOOR_TEMPLATE = jinja2.Environment(autoescape=False).from_string(
    "{% for audience in audiences %}{% for lang in ('fr', 'en') %}# {{ audience.title[lang] }}\n"
    "{% for question in audience.questions %}## {{ question.question[lang] }}\n\n{{ question.answer[lang] }}\n"
    "{% endfor %}{% endfor %}{% endfor %}"
)


def measure(faq_path: Path, content_dir: Path) -> dict[str, float]:
    # Stages and floors alike with the cycle collector paused, as faqgen.pipeline runs the stages:
    # a floor timed with it running would be slower than the stage it is the floor of.
    with cycle_collection_paused():
        times = _stages(faq_path, content_dir)
        start = time.perf_counter()
        data = yaml.load(faq_path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        times["floor_load"] = time.perf_counter() - start
        start = time.perf_counter()
        FLOOR_TEMPLATE.render(audiences=data["audiences"])
        times["floor_render"] = time.perf_counter() - start
    return times


def _stages(faq_path: Path, content_dir: Path) -> dict[str, float]:
    times = {}
    start = time.perf_counter()
    source = load_file(faq_path)
    times["load"] = time.perf_counter() - start
    start = time.perf_counter()
    checked = validate(source)
    times["validate"] = time.perf_counter() - start
    start = time.perf_counter()
    pages = render_site(checked.faq, checked.texts)  # as faqgen.pipeline: the texts converted once
    times["render"] = time.perf_counter() - start
    start = time.perf_counter()
    write_pages(pages, content_dir)
    times["write"] = time.perf_counter() - start
    times["stage"] = sum(times.values())
    return times


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), Path(sys.argv[2]))))
