"""The narrative of a report: Markdown written by the rapporteur, rendered to safe HTML.

Raw HTML in the text is shown as text (markdown-it's ``html`` option is off), images are
not rendered, and nh3 keeps only plain text markup and links to http, https and mailto.
Headings move down two levels, so they sit under the report's own section heading.
"""

import nh3
from markdown_it import MarkdownIt

TAGS = {
    "p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr",
    "h3", "h4", "h5", "h6",
}  # fmt: skip
SCHEMES = ("http://", "https://", "mailto:")

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if value.strip().lower().startswith(SCHEMES) else None
    return value


def render(text: str) -> str:
    """Sanitised HTML for ``text`` ("" for empty text)."""
    if not text.strip():
        return ""
    tokens = _md.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
    html = _md.renderer.render(tokens, _md.options, {})
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}},
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()
