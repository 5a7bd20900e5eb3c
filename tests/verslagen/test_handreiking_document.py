from verslagen.handreiking.document import content_hash, shift_headings, split_sections


def test_shift_headings_moves_each_level_down_and_stops_at_h6():
    html = '<h2 id="a">A</h2><p>x</p><H3>B</H3><h6>C</h6><hr><header>kop</header>'
    assert shift_headings(html) == (
        '<h3 id="a">A</h3><p>x</p><h4>B</h4><h6>C</h6><hr><header>kop</header>'
    )


def test_content_hash_same_parts_same_hash_and_boundaries_count():
    assert content_hash(["a", "b"]) == content_hash(["a", "b"])
    assert content_hash(["ab", ""]) != content_hash(["a", "b"])
    assert len(content_hash([])) == 64


def test_split_sections_cuts_at_each_opening_and_tolerates_missing_ones():
    een = '<section class="hoofdstuk" data-sectie="een">1</section>'
    twee = '<section class="hoofdstuk" data-sectie="twee">2<section>binnen</section></section>'
    assert split_sections(een + "\n" + twee, ["een", "twee", "drie"]) == {
        "een": een,
        "twee": twee,
        "drie": "",
    }
