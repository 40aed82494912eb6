"""Generator for the bilingual FAQ site: faq.yaml -> Markdown pages -> MkDocs.

The pipeline, one module per stage:
    loader    read faq.yaml into plain data, remembering where every value is
    model     the content model: fields, types, descriptions (also the JSON Schema)
    validate  build the model and check what types cannot say; every problem located
    render    Jinja2 templates -> Markdown text per page and language
    write     put pages in content/, touching only what changed
    pipeline  the stages in order, used by the CLI and the MkDocs plugin (plugin.py)
    languages which languages, where their pages are, their typography
    site_plan which pages, where each lives, the names the site keeps

docs/architecture.md names every module and its job.
"""
