"""The narrative report: the province's quarterly CCHC report drafted in Vietnamese from the entered data.

`narrative_build` returns plain data (a title, sections, paragraphs of sentences) that the page and the .docx
writer (`reports.exporters.docx`) only lay out. The outline is DOMAIN.md's: the seven reform areas, then shortcomings
and next-quarter tasks from the reports' text fields. Every sentence comes from a small method that returns
None when its figures were not reported, so the sentence is left out (never "None", never a 0 in place of a
missing figure); a section with nothing reported says so in one note.

Who says what (DESIGN.md, "Figures are entered at the level their source publishes them"):

- a sentence uses the scope unit's own figures when it reported any of them (the province publishes
  province-wide figures, which already include its units'); otherwise the figures of the units below are
  summed, the sentence says "các cơ quan, đơn vị", and the section ends with a note naming those units;
- each service centre's ledger has its own sentence naming its reception point; the province-wide one-stop
  sentence uses the province unit's own ledger (or, without it, the units' ledgers summed);
- over a span of several quarters each figure follows its semantics in the figure layer (cchc/figures.py:
  flows add up, stocks take the latest quarter reported, received = the first quarter's carry-over + every
  quarter's new dossiers), and shares are recomputed from counts (`personnel.figures.share`).

The body is always Vietnamese, whatever the user's language: it is the province's document. The data are
read through the figure layer and the apps' figure modules only (`data.NarrativeData`), in a fixed
number of queries whatever the number of units.

One job per module: `data` reads the figures and lists; `picking` chooses whose figures a sentence says;
`sentences/` writes the sentences, a module per group of reform areas; `wording` holds the Vietnamese wording
helpers; `outline` the shape the page and the .docx lay out; `writer` assembles the sections; `tasks` the
next-period tasks; `views` and `urls` the page, its .docx download and the managers' edits (under /tong-hop/).
"""

from .outline import NOTE, Narrative, Paragraph, Section
from .wording import document_name, next_phrase, span_phrase
from .writer import narrative_build

__all__ = [
    "NOTE",
    "Narrative",
    "Paragraph",
    "Section",
    "document_name",
    "narrative_build",
    "next_phrase",
    "span_phrase",
]
