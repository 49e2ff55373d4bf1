"""The output contract: pydantic models whose JSON Schema `vnextract schema` prints.

Field meanings follow the gold guidelines: every mention carries `text` as written and a
half-open `span` [start, end) into the NFC text of the input. A record is an `Article`, or
the `ErrorRecord` of an input that could not be read or extracted.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, computed_field
from pydantic.json_schema import SkipJsonSchema

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Model):
    text: str = Field(description="The mention as written in the NFC text.")
    span: Span = Field(description="Half-open [start, end) character offsets into the NFC text.")


class Source(_Model):
    path: str = Field(description='The input path, or "-" for stdin.')
    sha256: str = Field(description="SHA-256 of the input bytes.")
    chars: int = Field(description="Length of the NFC text that spans index into.")
    encoding: str = Field(description="The codec the bytes were read with.")
    warnings: list[str] = Field(
        default_factory=list,
        description="How the input was read when not as plain UTF-8 text (a guessed or "
        "converted encoding, a web page, a PDF copy unwrapped), or why facts may be "
        "missing (not Vietnamese).",
    )


class DateMention(Mention):
    value: str = Field(description="TIMEX3 value: 2024-06-11, --08-17, 2024-Q1, 2023/2024 …")
    granularity: Literal["day", "month", "quarter", "half", "year", "century", "interval"]
    rule: str = Field(description="Id of the pattern rule that found it.")


class Document(_Model):
    type: str = Field(description="Document kind: Kết luận, Quy định, Nghị định …")
    code: str = Field(description="Canonical code (01-KL/TW, 100/2019/NĐ-CP), or a bare number.")
    number: str = Field(description="The number part of the code as written.")
    issuer: str | None = Field(default=None, description="Issuing body written after the code.")
    date: str | None = Field(default=None, description="Issue date written after the code.")
    mentions: list[Mention]


class Count(Mention):
    value: float = Field(description="The number, scale words folded in (1,2 triệu = 1200000).")
    max: float | None = Field(default=None, description="Upper bound of a range (1-2 việc làm).")
    unit: str = Field(description="The counted noun as written, lower-case; % for percentages.")
    qualifier: str | None = Field(default=None, description="trên, hơn, gần, khoảng …")
    rule: str


class ListItem(Mention):
    ordinal: int = Field(description="Position in its list: Năm là = 5, Thứ tư = 4, (3) = 3.")
    marker: str = Field(description="The marker as written: Một là, Thứ nhất, 1., (1).")


ListKind = Literal["lessons", "tasks", "causes", "results", "targets", "other"]


class Enumeration(_Model):
    kind: ListKind = Field(description="Decided by the intro sentence, not the marker style.")
    intro: Mention | None = Field(description="The sentence that introduces the list.")
    items: list[ListItem]


class Post(_Model):
    text: str = Field(description="The title as written: Phó Bí thư Thường trực Huyện ủy.")
    office: str = Field(description="The office or rank it opens with: Phó Bí thư.")
    body: str | None = Field(description="The body the office belongs to, when written: "
                             "Huyện ủy.")
    former: bool = Field(description='Written with "nguyên": an office once held.')


class Person(_Model):
    name: str = Field(description="The fullest written form, without honorifics or titles.")
    titles: list[str] = Field(description="Titles written next to the name, one office each.")
    posts: list[Post] = Field(description="The same titles, each with its office and body.")
    mentions: list[Mention]


OrganizationKind = Literal[
    "party", "state", "front", "mass", "armed", "court", "enterprise", "press", "education",
    "other"]
Level = Literal["central", "province", "district", "commune", "unit", "unknown"]


class Organization(_Model):
    name: str = Field(description="The name as first written, spaces squeezed.")
    canonical: str = Field(description="Abbreviations expanded, new tone placement: "
                           "UBND tỉnh Tây Ninh → Ủy ban nhân dân tỉnh Tây Ninh.")
    kind: OrganizationKind = Field(description="What sort of body it is.")
    level: Level = Field(description="Where it stands: central, province, district, commune, "
                         "or a unit (army unit, enterprise, school).")
    mentions: list[Mention]


class Campaign(Mention):
    name: str = Field(description="The campaign's quoted name.")
    kind: str = Field(description="The word that introduces it: phong trào, hội thi, mô hình …")


class Token(Mention):
    """A word of underthesea's segmentation (may span several syllables)."""


class Sentence(Mention):
    tokens: list[Token] | None = Field(default=None, description="Present with --tokens.")


class Article(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    title: Mention | None
    lead: Mention | None
    headings: list[Mention]
    dates: list[DateMention]
    documents: list[Document]
    counts: list[Count]
    lists: list[Enumeration] = Field(description="Every enumeration found, with its kind.")
    organizations: list[Organization] = Field(description="Party, state and mass bodies.")
    people: list[Person] = Field(description="People named with a title or an honorific.")
    campaigns: list[Campaign] = Field(description="Named movements, contests, awards, models.")
    sentences: list[Sentence] | None = Field(default=None, description="Present with --tokens.")

    @computed_field(description="Items of the lists whose kind is lessons (bài học).")  # type: ignore[prop-decorator]
    @property
    def lessons(self) -> list[ListItem]:
        return [item for lst in self.lists if lst.kind == "lessons" for item in lst.items]

    @computed_field(description="Items of the lists whose kind is tasks (nhiệm vụ, giải pháp).")  # type: ignore[prop-decorator]
    @property
    def tasks(self) -> list[ListItem]:
        return [item for lst in self.lists if lst.kind == "tasks" for item in lst.items]


class ErrorSource(_Model):
    path: str = Field(description='The input path, or "-" for stdin.')
    sha256: SkipJsonSchema[None] | str = Field(
        default=None, description="SHA-256 of the input bytes, when they could be read; never "
        "on a transient failure.", json_schema_extra=lambda schema: schema.pop("default"))


class Failure(_Model):
    kind: str = Field(description="Why, as a stable word: missing, broken_link, link_loop, "
                      "unreadable, directory, special, binary, encoding, empty, too_large, "
                      "too_deep; "
                      "internal (a bug: report the file); transient (out of memory, a system "
                      "error, a worker that died: no fault of the input, --resume retries it).")
    message: str = Field(description="One line: what is wrong, and what to do.")


class ErrorRecord(_Model):
    """The record of an input that could not be read or extracted, in its place."""

    source: ErrorSource
    error: Failure


def record_schema() -> dict[str, Any]:
    """The JSON Schema of every record written: an Article or an ErrorRecord."""
    schema = TypeAdapter(Article | ErrorRecord).json_schema(mode="serialization")
    return {"title": "vnextract record", **schema}
