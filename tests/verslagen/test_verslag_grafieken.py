import re

from verslagen.grafieken import Staaf, staafdiagram


def test_chart_is_an_image_with_title_and_description():
    svg = staafdiagram(
        [Staaf("Formeel", 3, "3", "grafiek__staaf--formeel", doel=2.5), Staaf("<b>", 0, "0")],
        titel="Aanwezig & meer",
        beschrijving="3 mensen",
        maximum=3,
        id="a",
    )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" role="img"')
    assert 'aria-labelledby="a-titel a-desc"' in svg
    assert '<title id="a-titel">Aanwezig &amp; meer</title>' in svg
    assert '<desc id="a-desc">3 mensen</desc>' in svg
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    # Every bar has its label and number as text (not colour alone).
    assert re.findall(r'class="grafiek__getal">([^<]*)<', svg) == ["3", "0"]
    # Numbers in attributes use a dot, whatever the locale.
    assert not re.search(r'="[0-9]+,[0-9]', svg)
    assert svg.count("<line") == 1


def test_full_bar_at_the_maximum_and_never_beyond():
    svg = staafdiagram([Staaf("x", 10, "10")], titel="t", beschrijving="d", maximum=5, id="b")
    assert 'width="310"' in svg  # the whole span
