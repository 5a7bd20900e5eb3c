"""Pure helpers for the joint guide's document: no Django, so they are tested alone.

A compiled guide is a list of sections. Each is wrapped in
``<section class="hoofdstuk" data-sectie="<slug>" ...>`` so that the page can show the
comments of a section right after it, and the PDF can show the whole in one go.
"""

import hashlib
import re

SECTION_OPEN = '<section class="hoofdstuk" data-sectie="{slug}"'

_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])", re.IGNORECASE)


def shift_headings(html: str, by: int = 1) -> str:
    """Move every heading ``by`` levels down (h2 → h3), never past h6: a report starts at
    h2 on its own page, but sits under the guide's section heading here."""

    def repl(m: re.Match) -> str:
        return f"<{m.group(1)}h{min(6, int(m.group(2)) + by)}"

    return _HEADING.sub(repl, html)


def content_hash(parts: list[str]) -> str:
    """The same sections give the same hash, so compiling twice adds no version."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode()
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def split_sections(html: str, slugs: list[str]) -> dict[str, str]:
    """The HTML of each section by slug, cut at the section openings in ``html``. A slug
    whose opening is missing gets an empty string."""
    starts = []
    for slug in slugs:
        pos = html.find(SECTION_OPEN.format(slug=slug))
        if pos >= 0:
            starts.append((pos, slug))
    starts.sort()
    result = dict.fromkeys(slugs, "")
    for i, (pos, slug) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(html)
        result[slug] = html[pos:end].strip()
    return result
