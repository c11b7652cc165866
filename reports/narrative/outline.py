"""The narrative's shape: a title and sections of paragraphs of sentences, which the page and the .docx lay out."""

from __future__ import annotations

from dataclasses import dataclass

from ..periods import PeriodSpan

BODY, NOTE = "", "note"


@dataclass(frozen=True)
class Paragraph:
    """Sentences of one paragraph; `style` NOTE marks the portal's own remarks (nothing reported, summed)."""

    sentences: tuple[str, ...]
    style: str = BODY

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    paragraphs: tuple[Paragraph, ...] = ()
    level: int = 2


@dataclass(frozen=True)
class Narrative:
    """The report: who issues it, its title, and its sections in the outline's order."""

    issuer: str
    title: str
    span: PeriodSpan
    sections: tuple[Section, ...]
    reports: int = 0  # reports that gave any figure or text
    units: int = 0
    provisional: tuple[str, ...] = ()  # units whose figures come from a report not yet approved

    def lines(self) -> list[str]:
        """Every line of the document in order: issuer, title, then each heading and its paragraphs."""
        out = [self.issuer, self.title]
        for section in self.sections:
            out.append(section.heading)
            out.extend(paragraph.text for paragraph in section.paragraphs)
        return out

    @property
    def sentences(self) -> list[str]:
        return [s for section in self.sections for p in section.paragraphs for s in p.sentences]

    @property
    def text(self) -> str:
        return "\n".join(self.lines())
