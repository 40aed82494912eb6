"""Generator for the bilingual FAQ site: faq.yaml -> Markdown pages -> MkDocs.

The pipeline, one module per stage:
    loader    read faq.yaml into plain data, remembering where every value is
    model     the content model: fields, types, descriptions (also the JSON Schema)
    validate  build the model and check what types cannot say; every problem located
    render    Jinja2 templates -> Markdown text per page and language
    write     put pages in content/, touching only what changed
    pipeline  the stages in order, used by the CLI and the MkDocs plugin (plugin.py)
    languages which languages, where their pages are, their typography
"""

LANGUAGES = ("fr", "en")
"""Site languages; the first is the source language and sits at the site root."""
NAMES = {"fr": "French", "en": "English"}
"""How messages to editors name the languages."""
