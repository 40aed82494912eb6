"""The benchmark's inputs and verdicts (the benchmark itself runs with `make bench`, not here)."""

from __future__ import annotations

import pytest

from bench.phases import VERIFY
from bench.run import Run, per_doubling, publishing_verdicts, verdicts
from bench.synthetic import SHAPES, synthetic_faq
from faqgen.loader import load_text
from faqgen.validate import validate


@pytest.mark.parametrize("shape", SHAPES.values(), ids=lambda shape: shape.name)
def test_synthetic_faq_is_publishable_with_the_size_and_pages_asked(shape):
    checked = validate(load_text(synthetic_faq(300, shape)), strict=True)  # no error, no warning
    assert sum(len(audience.questions) for audience in checked.faq.audiences) == 300
    assert len(checked.faq.audiences) == shape.pages
    answers = [question.answer for _, _, question in checked.faq.questions()]
    assert any("[[" in answer.fr and "[[" in answer.en for answer in answers)  # cross-references
    assert any("\n- " in answer.en for answer in answers)  # lists
    assert any("][premier-statement]" in answer.fr for answer in answers)  # reference links
    assert any("l’" in answer.fr for answer in answers)  # elisions, for search


def test_synthetic_faq_is_the_same_for_the_same_seed():
    assert synthetic_faq(50, SHAPES["topics"]) == synthetic_faq(50, SHAPES["topics"])


def test_growth_is_reported_per_doubling():
    assert per_doubling(1.0, 4.0, 4) == pytest.approx(2.0)  # linear
    assert per_doubling(1.0, 25.0, 5) == pytest.approx(4.0)  # quadratic: 4× per doubling


def test_verdicts_name_each_target_missed():
    def run(size, stage, build, peak=100.0, verify=0.1):
        views, queries = {"": 60, "x/": 300, "en/": 60}, {"fr": 200}  # a large audience page is not a home page
        return Run("topics", size, {"stage": stage, "peak_mb": 90.0}, build, peak, 1.0, 1, views, queries, verify)

    real = {"build_s": 1.0, "serve_edit_s": {"answer": 1.0, "menu title": 1.0}}
    met = verdicts([run(1000, 0.3, 3.0), run(5000, 1.5, 14.0)], real)
    assert met == [line for line in met if line.startswith("- met")] and len(met) == 9
    missed = verdicts([run(1000, 0.3, 3.0), run(5000, 2.5, 40.0, peak=500.0, verify=4.5)], real)
    assert [line for line in missed if "not met" in line] == [
        "- **not met**: our stage ≤ 2 s at 5,000",
        "- **not met**: full build ≤ 15 s at 5,000",
        "- **not met**: peak memory ≤ 400 MB at 5,000 (our stage, full build)",
        "- **not met**: verification ≤ 10 % of the build at 5,000",
        "- **not met**: ≤ 2.1× per doubling (stage and build)",
    ]


def test_publishing_verdicts_time_verification_within_site_and_compare_like_with_like():
    def run(site_s, verify_s, total_s, size=5000, without_pdfs_s=4.0):  # `site` timed from outside; its phases within
        return Run("audiences", size, build_s=4.0, site_s=site_s, site_without_pdfs_s=without_pdfs_s, stock_s=10.0,
                   page_kb=(200.0, 300.0), phases={VERIFY: verify_s, "total": total_s})  # fmt: skip

    def missed(run):
        return [line for line in publishing_verdicts([run]) if "not met" in line]

    assert missed(run(9.0, 0.45, 4.5)) == []  # the PDFs count in `site`, not against the stock build (which makes none)
    assert missed(run(4.8, 0.47, 4.5)) == ["- **not met**: verification ≤ 10 % of `site` at 5,000"]
    assert missed(run(9.0, 0.3, 4.8, without_pdfs_s=7.6)) == [
        "- **not met**: `site` ≤ 0.75× the stock build at 5,000 (PDFs off, as the stock build makes none)"]
    assert missed(run(6.0, 0.3, 6.0, size=1000)) == []  # the PDFs add half: met
    assert missed(run(6.1, 0.3, 6.1, size=1000)) == ["- **not met**: the PDFs add ≤ 50% of the rest of `site` at 1,000"]


def test_a_target_at_a_size_that_was_not_run_is_not_measured_rather_than_met():
    run = Run("audiences", 5000, build_s=4.0, site_s=6.0, site_without_pdfs_s=4.0, stock_s=10.0,
              page_kb=(200.0, 300.0), phases={VERIFY: 0.3, "total": 4.0})  # fmt: skip
    lines = publishing_verdicts([run])
    assert [line for line in lines if line.startswith("- not measured")] == [
        "- not measured: the PDFs add ≤ 50% of the rest of `site` at 1,000",
        "- not measured: `site` at 10,000 ≤ 2.05× its time at 5,000",
        "- not measured: peak memory ≤ 400 MB at 10,000 (`site`, `mkdocs build`)",
    ]


def test_the_mutation_report_scores_each_module_and_lists_what_survived():
    """bench/mutate.py's report: killed (and hung) mutants over those checked, per module; a module
    whose mutants were not all checked (a stopped run) does not meet the target; survivors listed."""
    from bench.mutate import report, survivor_notes

    statuses = {
        **{f"faqgen.safety.x_check__mutmut_{n}": "killed" for n in range(1, 8)},
        "faqgen.safety.x_check__mutmut_8": "timeout",
        "faqgen.safety.x_check__mutmut_9": "survived",
        "faqgen.safety.xǁPageFactsǁread__mutmut_1": "no tests",
        "faqgen.rules.unique_ids.x_check__mutmut_1": "killed",
        "faqgen.rules.unique_ids.x_check__mutmut_2": "not checked",
    }
    survivors = {"faqgen.safety.x_check__mutmut_9": "if tag != 'a':", "faqgen.safety.xǁPageFactsǁread__mutmut_1": "return None"}
    notes = survivor_notes("faqgen.safety:\n  - mutants: [x_check__mutmut_9, x_check__mutmut_3]\n    why: >\n      equivalent:\n      the same tag.\n")
    text = report(statuses, survivors, 60.0, notes=notes)
    assert "| `faqgen.safety` | 10 | 10 | 8 | 1 | 1 | 1 | 80% | met |" in text
    assert "| `faqgen.rules.unique_ids` | 2 | 1 | 1 | 0 | 0 | 0 | 100% | not all checked |" in text
    assert "- `x_check__mutmut_9` (survived): `if tag != 'a':` — equivalent: the same tag." in text
    assert "- `xǁPageFactsǁread__mutmut_1` (no tests): `return None`\n" in text
    assert text.endswith("## Notes for mutants that no longer survive\n\nbench/survivors.yaml explains these, but the "
                         "tests now kill them: their notes can go.\n\n- `faqgen.safety.x_check__mutmut_3`\n")  # fmt: skip


def test_runs_of_the_same_code_merge_a_kill_in_any_as_a_kill():
    from bench.mutate import merged

    first = {"m.x_f__mutmut_1": "survived", "m.x_f__mutmut_2": "not checked", "m.x_f__mutmut_3": "no tests"}
    second = {"m.x_f__mutmut_1": "killed", "m.x_f__mutmut_2": "survived", "m.x_f__mutmut_4": "timeout"}
    assert merged([first, second]) == {"m.x_f__mutmut_1": "killed", "m.x_f__mutmut_2": "survived",
                                       "m.x_f__mutmut_3": "no tests", "m.x_f__mutmut_4": "timeout"}  # fmt: skip


def test_a_kept_run_counts_only_for_the_modules_whose_source_it_mutated_is_unchanged(tmp_path):
    from bench.mutate import ROOT, as_the_code_is, module_file

    assert (module_file("faqgen.rules"), module_file("faqgen.rules.unique_ids")) == (
        "faqgen/rules/__init__.py", "faqgen/rules/unique_ids.py")
    for module in ("faqgen/safety.py", "faqgen/xliff.py"):
        (tmp_path / module).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / module).write_bytes((ROOT / module).read_bytes())
    (tmp_path / "faqgen" / "xliff.py").write_text("# the code as it was\n")
    statuses = {"faqgen.safety.x_check__mutmut_1": "killed", "faqgen.xliff.x_export__mutmut_1": "killed",
                "faqgen.verify.x_verify__mutmut_1": "survived"}  # fmt: skip
    assert as_the_code_is(tmp_path, statuses) == {"faqgen.safety.x_check__mutmut_1": "killed"}  # verify: not in that run's copy
