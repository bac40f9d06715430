"""generator.text: the plain-text fast path must agree with the Markdown parser on every text."""
from hypothesis import given, settings, strategies as st

from generator import text


ALPHABET = st.sampled_from(list("abc XY12:;.,-'\"()/=+%#$@{}|^?é→\t") + ["  ", "**", "`", "_", "\\", "<b>", "&amp;", "\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_plain_fast_path_matches_parser(md):
    text.plain.cache_clear()
    assert text.plain(md) == text.parsed_plain(md)


def test_plain_of_markup_and_of_clean_text():
    assert text.plain("**Bold** and `code` &amp; x") == "Bold and code & x"
    assert text.plain("Recall = TP/(TP + FN), 95% of 1.5 s") == "Recall = TP/(TP + FN), 95% of 1.5 s"
