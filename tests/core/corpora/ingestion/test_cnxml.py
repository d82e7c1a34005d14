"""OpenStax CNXML as an upload: its explicit structure becomes block kinds;
a file that is not well-formed or has no content gets a clear sentence."""

import pytest

from core.corpora.ingestion.blocks import CAPTION, KEY_TERM, OBJECTIVE, PROSE, WORKED_EXAMPLE
from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.extract import extract
from core.corpora.ingestion.sniff import sniff

MODULE = """<?xml version="1.0"?>
<document xmlns="http://cnx.rice.edu/cnxml" xmlns:md="http://cnx.rice.edu/mdml">
  <title>Add Decimals</title>
  <content>
    <note class="learning-objectives"><title>Learning Objectives</title>
      <list><item>Add decimals</item><item>Subtract decimals</item></list></note>
    <section><title>Line up the points</title>
      <para>To add decimals, line up the <term>decimal points</term>
        and add as whole numbers.</para>
      <figure><media alt="columns"/><caption>Digits lined up at the point.</caption></figure>
      <example><exercise>
        <problem><para>Add: 2.5 + 1.25.</para></problem>
        <solution><para>2.50 + 1.25 = 3.75</para></solution>
      </exercise></example>
    </section>
  </content>
  <glossary>
    <definition><term>decimal</term>
      <meaning>a number with a point between its whole part and its parts</meaning></definition>
  </glossary>
</document>
"""


def kinds(data: str) -> dict[str, str]:
    extracted = extract("cnxml", data.encode())
    return {extracted.text[s.start : s.end].strip(): s.kind for s in extracted.sections}


def test_cnxml_is_sniffed_by_name_or_namespace():
    assert sniff(MODULE.encode(), "m12345.cnxml") == "cnxml"
    assert sniff(MODULE.encode(), "index.xml") == "cnxml"


def test_its_structure_becomes_block_kinds():
    found = kinds(MODULE)

    def kind_of(needle):
        return next(kind for text, kind in found.items() if needle in text)

    assert kind_of("Subtract decimals") == OBJECTIVE
    assert kind_of("line up the **decimal points**") == PROSE
    example = next(text for text, kind in found.items() if kind == WORKED_EXAMPLE)
    assert "Add: 2.5 + 1.25." in example and "= 3.75" in example
    assert kind_of("**decimal**: a number") == KEY_TERM


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("<document xmlns='http://cnx.rice.edu/cnxml'><content>", "not well-formed"),
        ("<document xmlns='http://cnx.rice.edu/cnxml'><title>T</title></document>", "no content"),
    ],
)
def test_bad_cnxml_says_what_is_wrong(data, message):
    with pytest.raises(IngestionError, match=message):
        extract("cnxml", data.encode())


def test_a_module_without_sections_is_indexed_whole_and_says_so():
    data = (
        "<document xmlns='http://cnx.rice.edu/cnxml'><title>T</title><content>"
        "<para>Plants need light to grow well.</para></content></document>"
    )
    extracted = extract("cnxml", data.encode())
    assert "Plants need light" in extracted.text
    assert any("no sections" in note for note in extracted.notes)


PHYSICS = """<?xml version="1.0"?>
<document xmlns="http://cnx.rice.edu/cnxml">
  <title>Newton's Second Law</title>
  <content>
    <section><title>Applying the Law</title>
      <para>The acceleration of a system is proportional to the net external force on it.</para>
      <note class="os-teacher"><para>Ask students to push carts of different masses.</para></note>
      <note class="worked-example"><title>How Fast Does a Pushed Cart Speed Up?</title>
        <exercise>
          <problem><para>A net force of 30 N acts on a 15 kg cart. Find its acceleration.</para>
            <note><title>Strategy</title><para>Divide the force by the mass.</para></note>
          </problem>
          <solution><para>a = 30 N / 15 kg = 2 m/s^2.</para></solution>
        </exercise>
      </note>
    </section>
  </content>
</document>
"""


def test_a_note_is_the_kind_of_box_its_class_says():
    found = kinds(PHYSICS)
    example = next(text for text, kind in found.items() if kind == WORKED_EXAMPLE)
    assert "**Worked Example: How Fast Does a Pushed Cart Speed Up?**" in example
    assert "**Note: Strategy**" in example and "= 2 m/s^2." in example
    teacher = next(text for text in found if "Ask students" in text)
    assert found[teacher] == CAPTION  # the teacher's notes are not the students' lesson
