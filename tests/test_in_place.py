"""faq.yaml edited in place: the Python writer (import-xliff) and the browser editor's
(faqgen/admin/dist/in_place.js, as published) give the same bytes for the same texts
(tests/in_place_cases.json), and the browser's saves change only what the editor changed."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT, build_faq, changed_lines

from faqgen.confirm import confirm, to_confirm
from faqgen.in_place import set_texts
from faqgen.loader import load_text
from faqgen.translations import _status, confirmed_value, fingerprint

CASES = json.loads((Path(__file__).parent / "in_place_cases.json").read_text(encoding="utf-8"))
BRIDGE = Path(__file__).parent / "in_place_bridge.mjs"
FAQ = (ROOT / "faq.yaml").read_text(encoding="utf-8")


def browser_writer(op: str, file: str, **request) -> dict:
    """What the browser editor's writer answers: {"text": …}, {"data": …} or {"refused": message}."""
    done = subprocess.run(["node", str(BRIDGE)], input=json.dumps({"op": op, "file": file, **request}),
                          capture_output=True, text=True, timeout=60, check=True)  # fmt: skip
    return json.loads(done.stdout)


def saved(data: dict, file: str = FAQ) -> str:
    answer = browser_writer("write", file, data=data)
    assert "text" in answer, answer
    return answer["text"]


@pytest.fixture(scope="module")
def faq_data() -> dict:
    return browser_writer("read", FAQ)["data"]


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_the_python_writer_gives_the_shared_cases_bytes(case):
    texts = {tuple(text["path"]): text["text"] for text in case["texts"]}
    assert set_texts(load_text(case["file"]), texts) == case["expected"]


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_the_browser_writer_gives_the_same_bytes(case):
    assert browser_writer("setTexts", case["file"], texts=case["texts"]) == {"text": case["expected"]}


def test_a_one_word_edit_is_a_one_line_change(faq_data):
    data = copy.deepcopy(faq_data)
    answer = data["audiences"][0]["questions"][0]["answer"]
    answer["fr"] = answer["fr"].replace("progressive", "graduelle")
    [(tag, [old], [new])] = changed_lines(FAQ, saved(data))
    assert tag == "replace" and old.replace("progressive", "graduelle") == new


def test_the_empty_values_a_form_fills_in_for_keys_the_file_leaves_out_change_nothing(faq_data):
    data = copy.deepcopy(faq_data)
    data["document"].update(updated=None, recent_days=None)
    plain_term = next(index for index, term in enumerate(faq_data["glossary"]) if "search_only" not in term)
    data["glossary"][plain_term]["search_only"] = False
    data["audiences"][0].update(key_points=[])
    data["milestones"][1].update(when={"fr": "", "en": "", "confirmed": ""}, phase="")
    data["links"].append({"id": "", "title": {"fr": "", "en": ""}, "url": {"fr": "", "en": ""}})  # "add", nothing typed
    assert not {"updated", "recent_days"} & set(faq_data["document"])
    assert "key_points" not in faq_data["audiences"][0]
    assert not {"when", "phase"} & set(faq_data["milestones"][1])
    assert saved(data) == FAQ


NEW_QUESTION = {
    "id": "a-new-question",
    "question": {"fr": "Une nouvelle question : laquelle?", "en": "A new question: which?", "confirmed": ""},
    "answer": {"fr": "Premier paragraphe.\n\n[[timeline]]", "en": "One line.", "confirmed": None},
}


def test_a_new_question_only_adds_its_lines_in_the_files_style_and_removing_it_gives_the_file_back(faq_data, tmp_path):
    data = copy.deepcopy(faq_data)
    data["audiences"][1]["questions"].append(copy.deepcopy(NEW_QUESTION))
    added = saved(data)
    [(tag, [], lines)] = changed_lines(FAQ, added)
    assert tag == "insert"
    last = faq_data["audiences"][1]["questions"][-1]["id"]
    dash = " " * FAQ.split(f"- id: {last}\n")[0].rsplit("\n", 1)[1].__len__()
    assert lines == [
        f"{dash}- id: a-new-question",
        f"{dash}  question:",
        f'{dash}    fr: "Une nouvelle question : laquelle?"',
        f'{dash}    en: "A new question: which?"',
        f"{dash}  answer:",
        f"{dash}    fr: |",
        f"{dash}      Premier paragraphe.",
        "",
        f"{dash}      [[timeline]]",
        f"{dash}    en: One line.",
    ]
    assert load_text(added).data["audiences"][1]["questions"][-1]["answer"]["fr"] == "Premier paragraphe.\n\n[[timeline]]\n"
    file = tmp_path / "faq.yaml"
    file.write_text(added, encoding="utf-8")
    assert build_faq("check", "--strict", str(file)).returncode == 1  # not confirmed yet
    assert build_faq("confirm", str(file), "--question", "a-new-question").returncode == 0
    assert build_faq("check", "--strict", str(file)).returncode == 0
    assert saved(faq_data, file=added) == FAQ


def test_removing_a_question_takes_its_lines_and_the_comments_above_it():
    file = "questions:\n  - id: one\n    q: 1\n  # about two\n  - id: two  # second\n    q: 2\n  - id: three\n    q: 3\n"
    data = browser_writer("read", file)["data"]
    del data["questions"][1]
    assert saved(data, file) == "questions:\n  - id: one\n    q: 1\n  - id: three\n    q: 3\n"
    del data["questions"][0]
    assert saved(data, file) == "questions:\n  - id: three\n    q: 3\n"


@pytest.mark.parametrize("order", [[1, 0, 2], [2, 0, 1], [0, 2, 1], [2, 1, 0]], ids=str)
def test_reordering_moves_whole_questions_and_moving_them_back_gives_the_file_back(faq_data, order):
    data = copy.deepcopy(faq_data)
    questions = data["audiences"][0]["questions"]
    questions[:3] = [questions[index] for index in order]
    moved = saved(data)
    assert sorted(moved.split("\n")) == sorted(FAQ.split("\n")) and moved != FAQ
    assert [q["id"] for q in load_text(moved).data["audiences"][0]["questions"]] == [q["id"] for q in questions]
    assert saved(faq_data, moved) == FAQ


def test_a_moved_item_takes_the_comments_above_it_along():
    file = "items:\n  # the list's own comment\n  - id: one\n  # about two\n  - id: two  # second\n  - id: three\n"
    data = browser_writer("read", file)["data"]
    data["items"] = [data["items"][1], data["items"][2], data["items"][0]]
    assert saved(data, file) == "items:\n  # the list's own comment\n  # about two\n  - id: two  # second\n  - id: three\n  - id: one\n"


def test_a_file_with_windows_line_ends_keeps_them(faq_data):
    data = copy.deepcopy(faq_data)
    data["document"]["recent_days"] = 45
    written = saved(data, FAQ.replace("\n", "\r\n"))
    assert "\r\n  recent_days: 45\r\n" in written and "\n" not in written.replace("\r\n", "")


def test_what_the_writer_cannot_write_in_place_is_refused_and_nothing_is_written(faq_data):
    data = copy.deepcopy(faq_data)
    data["document"]["title"] = ["a", "list"]
    answer = browser_writer("write", FAQ, data=data)
    assert answer == {"refused": "document.title: cannot change a mapping into a list here"}


# --- translation status: the browser's is the check's -------------------------------------------

TEXTS = ["Une question?", "  Des espaces   et\n\ndes lignes ", "é à ç ’ « » œ", "tab\tx", "sep\x1cx", "\ufeffbom",
         "nbsp\xa0x", "ls\u2028x", "émoji 😀", "[[timeline]]\n\n*italique*", "a", ""]  # fmt: skip


def test_the_browser_fingerprints_texts_as_the_check_does():
    assert browser_writer("fingerprints", "", texts=TEXTS) == {"fingerprints": [fingerprint(text) for text in TEXTS]}


def test_the_browser_tells_each_texts_status_as_the_check_does(faq_data):
    question = faq_data["audiences"][0]["questions"][0]["question"]
    nodes = [
        question,  # confirmed
        {**question, "fr": question["fr"] + " Vraiment?"},  # the English is stale
        {**question, "en": question["en"] + " Really?"},  # the French is stale
        {**question, "fr": "Autre?", "en": "Other?"},  # both changed: unconfirmed
        {**question, "en": "  "},  # the English is missing
        {"fr": "Sans confirmation?", "en": "Without confirmation?"},  # unconfirmed
        {"fr": "Mauvaise ligne?", "en": "Bad line?", "confirmed": "fr 1234"},  # unconfirmed
        {"fr": "Un  texte\n", "en": "A text", "confirmed": confirmed_value({"fr": "Un texte", "en": "A text"})},  # spacing only
    ]
    expected = []
    for node in nodes:
        status = _status(("x",), "x", "x", node)
        expected.append({"states": {lang: state.value for lang, state in status.states.items()}, "expected": status.confirm_line})
    assert browser_writer("statuses", "", nodes=nodes) == {"statuses": expected}


def test_confirming_in_the_browser_writes_what_build_faq_confirm_writes(faq_data):
    """Texts changed in one language, both, and one without its `confirmed:` line (block and
    one-line mappings): the browser's "confirm" on each gives the bytes of `build_faq.py confirm`."""
    text = FAQ.replace("une démarche de transformation progressive qui assurera la continuité des services et l’accès",
                       "une démarche de transformation graduelle qui assurera la continuité des services et l’accès", 1)
    text = text.replace("What was the purpose of the competitive process?", "What was the competitive process for?")
    text = re.sub(r"\n( +)confirmed: fr [0-9a-f]{8} en [0-9a-f]{8}\n(\1fr: L’un des gestionnaires)", r"\n\2", text, count=1)
    text = text.replace("questions:\n      - id: purpose-of-competition\n        question:\n          confirmed: fr ca0e85ef en 019cef95\n"
                        "          fr: Quel était l’objet du processus concurrentiel?\n          en: What was the competitive process for?",
                        "questions:\n      - id: purpose-of-competition\n        question: {fr: Quel était l’objet du processus "
                        "concurrentiel?, en: What was the competitive process for?}")  # fmt: skip
    source = load_text(text)
    chosen = to_confirm(source, None)
    assert len(chosen) == 3
    data = browser_writer("read", text)["data"]
    for status in chosen:
        node = data
        for part in status.path:
            node = node[part]
        node["confirmed"] = status.confirm_line
    assert saved(data, text) == confirm(source, chosen)
