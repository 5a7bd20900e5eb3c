"""HTML to PDF with WeasyPrint, offline.

Documents are rendered from the same templates as the web pages, with print CSS. Only
``data:`` URLs and the app's own static files may be fetched: no network, and no file
outside the static folders (user text is sanitised, but this is the second lock).
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

STATIC_SCHEME = "static:"


def _static_path(name: str) -> Path | None:
    found = finders.find(name)
    if found:
        return Path(found)
    if settings.STATIC_ROOT and (Path(settings.STATIC_ROOT) / name).is_file():
        return Path(settings.STATIC_ROOT) / name
    return None


class StaticOnlyFetcher(URLFetcher):
    """Serves ``static:css/x.css`` (and ``/static/...`` paths) from the app's static files,
    ``data:`` URLs as usual, and refuses everything else."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=["data", "file"], **kwargs)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        name = url.removeprefix(STATIC_SCHEME)
        name = name.removeprefix("file://").removeprefix(settings.STATIC_URL).lstrip("/")
        path = _static_path(name) if url.startswith((STATIC_SCHEME, "file://")) else None
        if path is None or ".." in Path(name).parts:
            raise ValueError(f"refused to fetch {url}")
        return super().fetch(path.resolve().as_uri(), headers)


def html_to_pdf(html: str, *, stylesheets: list[str] = ()) -> bytes:
    """A tagged PDF (title and language from ``<title>`` and ``<html lang>``, headings as
    bookmarks). ``stylesheets`` are static names such as ``css/verslag-print.css``."""
    fetcher = StaticOnlyFetcher()
    css = [CSS(url=STATIC_SCHEME + name, url_fetcher=fetcher) for name in stylesheets]
    document = HTML(string=html, base_url="file:///", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=css, pdf_tags=True)
