"""Server-drawn charts (pure, no database): accessible names, patterns, dots in numbers."""

import re
import xml.etree.ElementTree as ET

from samenspel import charts

NS = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def test_bars_have_role_title_desc_and_value_text():
    markup = charts.staven(
        "g1",
        "Balans <per> gebied",
        "Hoogste: Zuid",
        [charts.Staaf("Zuid", 86.5, "87"), charts.Staaf("Noord & Oost", None, "x")],
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
    markup = charts.stapels(
        "g2",
        "t",
        "d",
        [
            charts.Stapel(
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
    markup = charts.patronen("p")
    assert 'id="p-formeel"' in markup
    assert 'id="p-informeel"' in markup and 'patternTransform="rotate(45)"' in markup
    assert 'id="p-ervaringsdeskundige"' in markup and "<circle" in markup


def test_stacked_bar_with_a_hidden_share_draws_the_rest_as_unknown():
    markup = charts.stapels(
        "g3",
        "t",
        "d",
        [
            charts.Stapel(
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
    markup = charts.lijnen(
        "g4",
        "t",
        "d",
        ["B1", "B2", "B3"],
        [charts.Reeks("Aanwezigen", (70, None, 90)), charts.Reeks("Voorbereiding", (50, 60, 55))],
    )
    root = parse(markup)
    lines = root.findall(f".//{NS}polyline")
    assert len(lines) == 2
    assert lines[0].get("stroke-dasharray") is None
    assert lines[1].get("stroke-dasharray") == "6 3"
    assert len(root.findall(f".//{NS}circle")) == 2 + 1  # two points and the legend marker
    assert len(root.findall(f".//{NS}rect")) == 3 + 1


def test_bars_on_another_scale_with_a_target_per_tag():
    """The reports' attendance chart: counts, a pattern per tag, the target as a dashed line."""
    markup = charts.staven(
        "a",
        "Aanwezig",
        "3 mensen",
        [
            charts.Staaf("Formeel", 3, "3", patroon="formeel", doel=2.5),
            charts.Staaf("Informeel", 0, "0", patroon="informeel", doel=0.5),
        ],
        schaal=3,
        streepjes=(0, 100),
    )
    root = parse(markup)
    rects = [r for r in root.iter(f"{NS}rect") if r.get("fill", "").startswith("url(#a-")]
    bars = [r for r in rects if r.get("height") == "16"]
    assert [b.get("fill") for b in bars] == ["url(#a-formeel)", "url(#a-informeel)"]
    assert bars[0].get("width") == "360"  # a full bar at the top of the scale
    targets = [line for line in root.iter(f"{NS}line") if line.get("class") == "grafiek__doel"]
    assert [t.get("x1") for t in targets] == ["520", "280"]  # 220 + 360 × 2.5/3 and × 0.5/3
    ticks = [t.text for t in root.iter(f"{NS}text") if t.get("text-anchor") == "middle"]
    assert ticks == ["0", "3"]


def test_a_bar_never_runs_past_its_scale():
    root = parse(charts.staven("b", "t", "d", [charts.Staaf("x", 10, "10")], schaal=5))
    bar = next(r for r in root.iter(f"{NS}rect") if r.get("height") == "16")
    assert bar.get("width") == "360"
    assert "10" in [t.text for t in root.iter(f"{NS}text")]
