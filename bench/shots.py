"""Screenshots for a reviewer: the home page and an audience page, in each language, at phone
(375 px) and desktop (1280 px) width, whole pages, as Chromium shows them; and the editors'
guides' pictures of /admin/ (docs/images/editor-LANG.png, kept in git).

    make shots                       (or: .venv/bin/python -m bench.shots [--out DIR])

The site is built from the real faq.yaml into a temporary folder and served on 127.0.0.1;
the pictures go to bench/shots/ (not kept in git), named page-language-width.png.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.harness import CHROMIUM, CHROMIUM_FLAGS, ROOT, AdminEditor, SiteServer, publish_real_faq
from faqgen.languages import folders, project_root_language
from faqgen.site_plan import page_path

OUT = Path(__file__).parent / "shots"
GUIDES = ROOT / "docs" / "images"
QUESTION = "audiences.0.questions.1.question"  # the guides show a question: French, English, status
WIDTHS = (375, 1280)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files (default: bench/shots)")
    arguments = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from faqgen.pipeline import check

    faq = check(ROOT / "faq.yaml").faq
    pages = {"home": "index", "audience": faq.audiences[0].id}
    directories = folders(project_root_language(ROOT))
    arguments.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        server = SiteServer(publish_real_faq(Path(temporary) / "site"))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
                for name, page_name in pages.items():
                    for lang in directories:
                        for width in WIDTHS:
                            page = browser.new_page(viewport={"width": width, "height": 900})
                            page.goto(server.url + page_path(directories, lang, page_name))
                            shot = arguments.out / f"{name}-{lang}-{width}.png"
                            page.screenshot(path=shot, full_page=True)
                            page.close()
                            print(shot.relative_to(ROOT) if shot.is_relative_to(ROOT) else shot)
                for lang in directories:
                    context = browser.new_context(locale=f"{lang}-CA", viewport={"width": 1100, "height": 900})
                    editor = AdminEditor(context.new_page(), server.url, (ROOT / "faq.yaml").read_text(encoding="utf-8"), lang)
                    editor.reveal(f'[data-key-path="{QUESTION}"]').evaluate("field => field.scrollIntoView({block: 'start'})")
                    editor.page.mouse.wheel(0, -70)
                    editor.page.wait_for_timeout(500)  # the wheel's scroll, smoothly
                    shot = GUIDES / f"editor-{lang}.png"
                    editor.page.screenshot(path=shot)
                    context.close()
                    print(shot.relative_to(ROOT))
                browser.close()
        finally:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
