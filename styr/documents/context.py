"""What a document is built from, and the numbering of its chapters and sections."""

from dataclasses import dataclass, field

from styr.documents.text import text_blocks
from styr.documents.tree import Block, Document, Figure, Heading
from styr.plans.models import Plan, ReportOccasion
from styr.steering.models import MunicipalPlan

# The placeholders a template may use in titles and texts ({link} only in goal headings).
PLACEHOLDERS = frozenset(
    {"municipality", "municipality_genitive", "body", "body_genitive", "body_code", "year",
     "next_year", "plan_title", "occasion", "budget_title", "link"}
)  # fmt: skip


def genitive(name: str) -> str:
    """Swedish genitive: Marks kommun → Marks kommuns, Kommunstyrelsen → Kommunstyrelsens."""
    return name if name[-1:].lower() in {"s", "x", "z"} else f"{name}s"


@dataclass
class Printed:
    """What a public edition printed that a later mark can withdraw: the ids of its indicators
    and assignments (DocumentVersion.public_items)."""

    indicators: set[int] = field(default_factory=set)
    assignments: set[int] = field(default_factory=set)

    def as_json(self) -> dict[str, list[int]]:
        return {"indicators": sorted(self.indicators), "assignments": sorted(self.assignments)}


@dataclass
class DocumentContext:
    """One document being built: the plan, the occasion it reports on, and the output."""

    plan: Plan
    occasion: ReportOccasion
    municipal_plan: MunicipalPlan | None
    document: Document
    chapter_number: int = 0
    section_number: int = 0
    variables: dict[str, str] = field(default_factory=dict)
    depth: int = 0  # 1 inside a chapter's own content, 2 inside a section
    # The latest chapter or section heading, so blocks need not repeat it.
    current_title: str = ""
    placed_texts: frozenset[str] = frozenset()  # plan texts the template places by key
    images: dict[str, Figure] = field(default_factory=dict)  # the plan's images, by key
    # The public edition, for residents: without internal analyses and comments, what the
    # municipality marks not public, and internal control (see build.PUBLIC_EDITION).
    public: bool = False
    printed: Printed = field(default_factory=Printed)

    def __post_init__(self) -> None:
        municipality = self.plan.body.municipality
        body = self.plan.body
        self.variables = {
            "municipality": municipality.name,
            "municipality_genitive": genitive(municipality.name),
            "body": body.name,
            "body_genitive": genitive(body.name),
            "body_code": body.code,
            "year": str(self.plan.year),
            "next_year": str(self.plan.year + 1),
            "plan_title": self.plan.title,
            "occasion": self.occasion.name,
            "budget_title": self.municipal_plan.title if self.municipal_plan else "",
        }

    @property
    def year(self) -> int:
        return self.plan.year

    def fill(self, text: str) -> str:
        """Put the plan's facts into a template text: `{body_genitive} följetal`."""
        out = text
        for name, value in self.variables.items():
            out = out.replace("{" + name + "}", value)
        return out

    def add(self, *blocks: Block) -> None:
        self.document.add(*blocks)

    def chapter(self, title: str) -> None:
        self.chapter_number += 1
        self.section_number = 0
        self.current_title = self.fill(title)
        self.depth = 1
        self.add(Heading(1, self.current_title, str(self.chapter_number)))

    def section(self, title: str) -> None:
        self.section_number += 1
        number = f"{self.chapter_number}.{self.section_number}"
        self.current_title = self.fill(title)
        self.depth = 2
        self.add(Heading(2, self.current_title, number))

    def subheading(self, title: str) -> None:
        """An unnumbered heading one level below the chapter or section it is in.

        Levels never skip (PDF/UA and screen readers need an unbroken outline)."""
        if title:
            self.add(Heading(self.depth + 1, self.fill(title)))

    def text(self, text: str) -> None:
        self.add(*text_blocks(text, base_level=self.depth + 1, images=self.images))
