"""Server-drawn charts (pure, no database): accessible names, patterns, dots in numbers."""

import re
import xml.etree.ElementTree as ET

from dashboard import svg

NS = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_bars_have_role_title_desc_and_value_text():
    markup = svg.staven(
        "g1",
        "Balans <per> gebied",
        "Hoogste: Zuid",
        [svg.Staaf("Zuid", 86.5, "87"), svg.Staaf("Noord & Oost", None, "x")],
    )
    root = parse(markup)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "g1-t g1-d"
    assert root.find(f"{NS}title").text == "Balans <per> gebied"
    assert root.find(f"{NS}desc").text == "Hoogste: Zuid"
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "Noord & Oost" in texts
    assert "87" in texts and "x" in texts
    # A hidden value is drawn as the hatched "unknown" pattern, not as a bar.
    assert 'fill="url(#g1-onbekend)"' in markup


def test_numbers_in_attributes_use_a_dot():
    markup = svg.stapels(
        "g2",
        "t",
        "d",
        [
            svg.Stapel(
                "B1",
                (
                    ("formeel", 33.3, "33%"),
                    ("informeel", 33.3, "33%"),
                    ("ervaringsdeskundige", 33.4, "33%"),
                ),
            )
        ],
    )
    attributes = re.findall(r'(?:x|y|width|height)="([^"]*)"', markup)
    assert attributes and all("," not in a for a in attributes)


def test_each_tag_has_its_own_pattern_not_only_a_colour():
    markup = svg.patronen("p")
    assert 'id="p-formeel"' in markup
    assert 'id="p-informeel"' in markup and 'patternTransform="rotate(45)"' in markup
    assert 'id="p-ervaringsdeskundige"' in markup and "<circle" in markup


def test_stacked_bar_with_a_hidden_share_draws_the_rest_as_unknown():
    markup = svg.stapels(
        "g3",
        "t",
        "d",
        [
            svg.Stapel(
                "B1",
                (
                    ("formeel", 60.0, "60%"),
                    ("informeel", None, ""),
                    ("ervaringsdeskundige", None, ""),
                ),
            )
        ],
    )
    assert 'fill="url(#g3-onbekend)"' in markup
    assert "60%" in markup


def test_lines_differ_in_dash_and_marker_and_skip_missing_points():
    markup = svg.lijnen(
        "g4",
        "t",
        "d",
        ["B1", "B2", "B3"],
        [svg.Reeks("Aanwezigen", (70, None, 90)), svg.Reeks("Voorbereiding", (50, 60, 55))],
    )
    root = parse(markup)
    lines = root.findall(f".//{NS}polyline")
    assert len(lines) == 2
    assert lines[0].get("stroke-dasharray") is None
    assert lines[1].get("stroke-dasharray") == "6 3"
    assert len(root.findall(f".//{NS}circle")) == 2 + 1  # two points and the legend marker
    assert len(root.findall(f".//{NS}rect")) == 3 + 1
