"""The summary brief: a transform from an article to a brief, and the ``brief`` format.

A brief is something a busy reader takes in within thirty seconds: the headline,
a one-sentence gist, labelled facts (source, dates, places, people with roles,
organisations, key figures, agreements/projects/events), key sentences traced to
their paragraphs (up to ``sentences``, fewer for a short article), and keywords.
Everything is extracted verbatim from the article, in its own script; a field the
article does not support is left out.

The brief is an ordinary Document (headings and lists), so every writer renders
it: ``-t brief`` is Markdown, ``-T brief -t docx`` a Word brief, ``-t json -T brief``
the same plus ``meta.extras["brief"]``, the brief as data for scripts.
This module is light: jieba is imported only when a brief is made.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from convert import Document, Heading, ListBlock, Option, Paragraph, Transform, hookimpl
from convert.errors import UsageError
from convert.model import BLOCK_KINDS, block_texts, is_prose
from convert.specs import Writer
from convert.toolkit import (
    LANGUAGE_NAMES,
    find_dates,
    is_chinese,
    is_simplified,
    japanese_or_korean,
)

if TYPE_CHECKING:  # the brief's heavy modules load only when a brief is made
    from .dateline import Dateline
    from .summarize import Sentence

log = logging.getLogger("docconv")

BUDGET = 0
ITEMS = 12
"""Most items shown in each list of the brief (people, places, figures...)."""
"""Characters after which no more key sentences are added (0: no budget)."""
SCALE = 2.0
"""Key sentences stop once they reach SCALE x the square root of the article's length in
units -- characters, a Latin-script word or a number counting as one (the first sentence
is always kept). Editors' summaries grow far slower than articles:
about 18 characters for LCSTS's 100-character posts, 70-200 for 2,000-character articles
(CLTS, NEWSFARM), so a fixed count of three over-fills short news. 0: off."""

MAX_GIST = 150
"""Characters: a longer gist is cut at a clause, with an ellipsis."""
MAX_ITEM = 60
"""Characters: a longer fact item (a place, a project ...) is cut at a clause, with an ellipsis."""

GROUPS = (
    "gist",
    "dates",
    "places",
    "people",
    "organisations",
    "figures",
    "projects",
    "sentences",
    "keywords",
    "source",
)
_FACT_GROUPS = ("dates", "places", "people", "organisations", "figures", "projects")
CHINESE_ONLY = ("places", "people", "organisations", "projects", "figures", "keywords")
"""Groups found by what reads Chinese only (the name model, jieba's words, Chinese
measure words): over Japanese or Korean text they are fragments (kana as names, 子育 as a
keyword, 消防によると3人 as a figure), so such a brief leaves them out."""

LABELS: Mapping[str, Mapping[str, str]] = {
    "hant": {
        "gist": "一句話摘要",
        "dates": "日期",
        "places": "地點",
        "people": "人物",
        "organisations": "機構",
        "figures": "關鍵數字",
        "projects": "項目、協議與活動",
        "sentences": "重點句",
        "keywords": "關鍵詞",
        "paragraph": "\uff08第{n}段\uff09",
        "join": "\u3001",
        "more": "另有{n}項",
    },
    "hans": {
        "gist": "一句话摘要",
        "dates": "日期",
        "places": "地点",
        "people": "人物",
        "organisations": "机构",
        "figures": "关键数字",
        "projects": "项目、协议与活动",
        "sentences": "重点句",
        "keywords": "关键词",
        "paragraph": "\uff08第{n}段\uff09",
        "join": "\u3001",
        "more": "另有{n}项",
    },
    "en": {
        "gist": "In one sentence",
        "dates": "Dates",
        "places": "Places",
        "people": "People",
        "organisations": "Organisations",
        "figures": "Key figures",
        "projects": "Agreements, projects and events",
        "sentences": "Key sentences",
        "keywords": "Keywords",
        "paragraph": " (paragraph {n})",
        "join": ", ",
        "more": "and {n} more",
    },
}


def labels_for(language: str) -> Mapping[str, str]:
    """Labels in the article's script: Simplified, Traditional, or English for non-Chinese."""
    if not is_chinese(language):
        return LABELS["en"]
    return LABELS["hans" if is_simplified(language) else "hant"]


def parse_groups(value: str) -> tuple[str, ...]:
    """``all`` or a comma-separated list of field groups, checked against :data:`GROUPS`."""
    if value.strip() == "all":
        return GROUPS
    chosen = tuple(dict.fromkeys(g.strip() for g in value.split(",") if g.strip()))
    unknown = [g for g in chosen if g not in GROUPS]
    if unknown or not chosen:
        raise UsageError(
            f"brief: unknown field group {', '.join(unknown) or value!r} "
            f"(valid: all or a comma-separated list of {', '.join(GROUPS)})"
        )
    return chosen


def paragraphs(document: Document) -> list[str]:
    """The article's blocks as texts (a list's items on their own lines), in order; a code
    block's or an image caption's is empty: neither is the article's prose (no gist, key
    sentence, keyword, name or figure), and keeping its place keeps a sentence's
    ``paragraph`` number the block's."""
    return ["\n".join(block_texts(block)) if is_prose(block) else "" for block in document.blocks]


def _dates(document: Document, texts: Sequence[str], dated: Dateline | None) -> list[str]:
    """Dates as written: the article's own first, then the full ones, then those with a year
    or month only (2018年底) and days with the month the article gives them (28日（3月）,
    dropped beside 2025-03-28); one inside a span also listed (7月9日 in 7月9日-11日) is
    dropped, and none comes from a photo caption."""
    from .facts import dates, restated
    from .summarize import is_caption

    every = [document.meta.title, *(t for t in texts if not is_caption(t))]
    full = list(document.meta.dates) or list(find_dates("\n".join(every)))
    own = [dated.text] if dated else []
    found = restated(list(dict.fromkeys([*own, *full, *dates(every, dated)])))
    return [d for d in found if d in own or not any(d != o and d in o for o in found)]


def _shown_items(
    items: Sequence[str], options: Mapping[str, Any], label: Mapping[str, str]
) -> tuple[str, ...]:
    """The first ``items`` of a list (most salient first), and how many more there are: a
    list of 100 names is read by nobody; the brief's JSON data keeps them all."""
    most = options.get("items", ITEMS) or len(items)
    if len(items) <= most:
        return tuple(items)
    return (*items[:most], label["more"].format(n=len(items) - most))


def _shown(sentence: Sentence) -> str:
    """A key sentence as the brief shows it: a piece of a longer one ends with an ellipsis."""
    return sentence.text + "\u2026" if sentence.cut else sentence.text


def make_brief(document: Document, options: Mapping[str, Any]) -> Document:
    """Build the brief Document of ``document`` (see the module docstring).

    A document that already is a brief is returned as it is: a brief of a brief would
    only lose facts.
    """
    from convert.toolkit import segment

    if "brief" in document.meta.extras:
        return document
    with segment.one_document():
        return _brief(document, options)


def _brief(document: Document, options: Mapping[str, Any]) -> Document:
    from . import facts, summarize
    from .dateline import article_date

    if options["sentences"] < 1 or options["keywords"] < 0 or options.get("budget", 0) < 0:
        raise UsageError("brief: sentences must be at least 1, keywords and budget at least 0")
    if options.get("scale", SCALE) < 0:
        raise UsageError("brief: scale must be at least 0")
    groups = parse_groups(options["fields"])
    texts = paragraphs(document)
    other = japanese_or_korean("\n".join([document.meta.title, *texts]))
    if other:
        log.warning(
            "%s: %s text: the brief has no people, places, organisations, projects, figures or "
            "keywords (docconv finds them in Chinese only)",
            document.name,
            LANGUAGE_NAMES[other],
        )
        groups = tuple(g for g in groups if g not in CHINESE_ONLY)
    label = LABELS["en"] if other else labels_for(document.meta.language)
    apart = [isinstance(block, (ListBlock, Heading)) for block in document.blocks]
    sentences = summarize.split_sentences(texts, apart)
    best = summarize.pick(
        sentences,
        document.meta.title,
        options["sentences"],
        options.get("budget", BUDGET),
        scale=options.get("scale", SCALE),
    )
    found = facts.extract([document.meta.title, *texts])
    dated = article_date(document.meta.title, texts, document.meta.dates)
    names = [person.name for person in found.people]
    keywords = (
        summarize.keywords(
            document.meta.title, texts, options["keywords"], names, found.organisations
        )
        if "keywords" in groups
        else []
    )
    values: dict[str, Any] = {
        "dates": _dates(document, texts, dated),
        "places": found.places,
        "people": [{"text": p.text, "name": p.name, "role": p.role} for p in found.people],
        "organisations": found.organisations,
        "figures": found.figures,
        "projects": found.projects,
    }
    data: dict[str, Any] = {}
    blocks: list[Heading | Paragraph | ListBlock] = []
    if "gist" in groups and best:
        gist = summarize.bounded(summarize.gist_text(best[0]), MAX_GIST)
        data["gist"] = {"text": gist, "paragraph": best[0].paragraph + 1}
        blocks += [Heading(label["gist"]), Paragraph(gist)]
    if "source" in groups and document.meta.source:
        data["source"] = document.meta.source
    if "dates" in groups and dated:
        data["date"] = dated.text
    for group in _FACT_GROUPS:
        if group in groups and values[group]:
            data[group] = values[group]
            items = [
                summarize.bounded(v["text"] if isinstance(v, dict) else v, MAX_ITEM)
                for v in values[group]
            ]
            blocks += [Heading(label[group]), ListBlock(_shown_items(items, options, label))]
    if "sentences" in groups and best:
        chosen = sorted(best, key=lambda s: s.position)
        data["sentences"] = [
            {"text": s.text, "paragraph": s.paragraph + 1, **({"cut": True} if s.cut else {})}
            for s in chosen
        ]
        items = [_shown(s) + label["paragraph"].format(n=s.paragraph + 1) for s in chosen]
        blocks += [Heading(label["sentences"]), ListBlock(tuple(items), ordered=True)]
    if "keywords" in groups and keywords:
        data["keywords"] = keywords
        blocks += [Heading(label["keywords"]), Paragraph(label["join"].join(keywords))]
    return document.replace(
        blocks=tuple(blocks),
        source=document.meta.source if "source" in groups else None,
        # the first date is the dateline a writer shows (DOCX, PDF): only the article's own
        dates=tuple(values["dates"]) if "dates" in groups and dated else (),
        keywords=tuple(keywords) if "keywords" in groups else (),
        extras={**document.meta.extras, "brief": data},
    )


OPTIONS = (
    Option(
        name="sentences",
        type=int,
        default=3,
        help="Most key sentences (3-5 suit news); scale and budget may stop them earlier.",
    ),
    Option(
        name="budget",
        type=int,
        default=BUDGET,
        help="Characters after which no more key sentences are added (default 0: none).",
    ),
    Option(
        name="scale",
        type=float,
        default=SCALE,
        help="Key sentences stop at SCALE x the square root of the article's characters,"
        " so a short post gets one, a long article more (0: off).",
    ),
    Option(name="keywords", type=int, default=8, help="Number of keywords (0 for none)."),
    Option(
        name="items",
        type=int,
        default=ITEMS,
        min=0,
        help="Most items shown in each list (people, places, figures...), the most mentioned"
        " first, then 'and N more' (0: all); the JSON data keeps them all.",
    ),
    Option(
        name="fields",
        default="all",
        help="Field groups to include: all, or a comma-separated list of " + ", ".join(GROUPS),
    ),
)


@hookimpl
def register_transforms() -> list[Transform]:
    return [
        Transform(
            name="brief",
            aliases=("summary",),
            apply=make_brief,
            blocks=BLOCK_KINDS,
            description="Article to summary brief: gist, facts, key sentences, keywords",
            options=OPTIONS,
        )
    ]


def _as_markdown(document: Document, options: Mapping[str, Any]) -> bytes:
    """The brief as the installed ``md`` writer renders it."""
    import convert

    return convert.render(document, "md")


@hookimpl
def register_writers() -> list[Writer]:
    return [
        Writer(
            name="brief",
            render=_as_markdown,
            blocks=BLOCK_KINDS,
            extension="brief.md",
            media_type="text/markdown; charset=utf-8",
            description="Summary brief as Markdown (the brief transform + the md writer)",
            transforms=("brief",),
        )
    ]
