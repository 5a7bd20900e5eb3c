"""The narrative's Markdown is rendered and sanitised."""

from html.parser import HTMLParser

from verslagen import narrative


def elements(html: str) -> list[tuple[str, dict]]:
    """The real elements of ``html`` with their attributes (escaped text is not markup)."""
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Parser().feed(html)
    return found


def test_plain_markdown_renders():
    assert narrative.render("Het was **fijn**.\n\n- een\n- twee") == (
        "<p>Het was <strong>fijn</strong>.</p>\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>"
    )


def test_empty_text_renders_nothing():
    assert narrative.render("  \n") == ""


def test_script_is_shown_as_text_never_run():
    html = narrative.render("Hallo <script>alert(1)</script>")
    assert [tag for tag, _ in elements(html)] == ["p"]
    assert html == "<p>Hallo &lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_event_handlers_are_removed():
    html = narrative.render(
        '<a href="https://a.nl" onclick="steel()">x</a> <b onmouseover="y()">b</b>\n\n'
        '[link](https://a.nl "titel") **vet**'
    )
    attributes = [name for _, attrs in elements(html) for name in attrs]
    assert sorted(attributes) == ["href", "rel", "title"]
    assert [tag for tag, _ in elements(html)] == ["p", "p", "a", "strong"]


def test_javascript_links_are_removed():
    for link in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "/intern"):
        html = narrative.render(f"[klik]({link})")
        assert "href" not in html, link
        assert "klik" in html


def test_http_https_and_mailto_links_stay():
    html = narrative.render("[a](https://a.nl) [b](http://b.nl) [c](mailto:c@d.nl)")
    assert html == (
        '<p><a href="https://a.nl" rel="noopener noreferrer nofollow">a</a> '
        '<a href="http://b.nl" rel="noopener noreferrer nofollow">b</a> '
        '<a href="mailto:c@d.nl" rel="noopener noreferrer nofollow">c</a></p>'
    )


def test_images_are_not_rendered():
    html = narrative.render("![foto](https://a.nl/foto.png)")
    assert "<img" not in html


def test_headings_move_below_the_section_heading():
    assert narrative.render("# Een\n\n## Twee") == "<h3>Een</h3>\n<h4>Twee</h4>"


def test_help_text_says_what_happens_to_html_and_images():
    """The help text promised that HTML was left out, but it is shown as text."""
    from verslagen.narrative_forms import VerhaalForm

    assert str(VerhaalForm().fields["verhaal"].help_text) == (
        "Schrijf in gewone zinnen. Je kunt Markdown gebruiken: **vet**, *schuin*, "
        "lijstjes met - en koppen met #. HTML-code staat in het verslag als gewone "
        "tekst, en een plaatje als een link."
    )
    assert narrative.render("<b>vet</b> ![foto](https://x.nl/a.png)") == (
        "<p>&lt;b&gt;vet&lt;/b&gt; !"
        '<a href="https://x.nl/a.png" rel="noopener noreferrer nofollow">foto</a></p>'
    )
