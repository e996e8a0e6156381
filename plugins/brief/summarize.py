"""Extractive summarising: key sentences and keywords of an article.

News is written as an inverted pyramid, so the lead is strong: on public news with
editor-written summaries the first two or three sentences beat most clever methods.
Key sentences therefore start from a position prior, 1 / (1 + position), and add what
the lead lacks:

- centrality: how much the next :data:`WINDOW` sentences repeat a sentence's character
  bigrams (PACSUM's directed centrality, Zheng & Lapata 2019), scaled so the most
  central sentence has 1 -- a news sentence that the rest builds on beats an opening
  anecdote;
- the headline: the share of the headline's bigrams a sentence repeats;
- no redundancy: each further pick's score is multiplied by the share of its bigrams
  not yet said (maximal marginal relevance, Carbonell & Goldstein 1998);
- no lists, captions or fragments: list items (1、 ① - ), run-on lists (做法：1、…,
  many ；), photo captions and one-line fragments are not candidates.

The first pick is the one-sentence gist. Character bigrams (the units ROUGE-2 counts)
need no segmentation and keep figures such as 45亿 whole. The cost is linear in the
article's length. Any sentence longer than :data:`MAX_SENTENCE` characters (text without
sentence-ending punctuation) is split at its clauses first.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
import statistics
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from convert.toolkit.segment import Token, frequency, idf, segment, simplified_copy
from convert.toolkit.segment import tag as tag_of

from .brief import BUDGET, SCALE
from .bylines import credit_spans, lead_end, photo_credited
from .facts import DATELINE_ENDS

_ENDS = "\u3002\uff01\uff1f!?"
_CLOSERS = "\u201d\u2019\u300d\u300f\"')\uff09"
_SENTENCE = re.compile(  # ? or ! inside a web address (?x=1) ends nothing
    rf"(?:[^{_ENDS}.\n]|\.(?![\s{_CLOSERS}]|$)|[!?](?=[A-Za-z0-9=&/%#]))*"
    rf"(?:[{_ENDS}]+[{_CLOSERS}]*|\.+[{_CLOSERS}]*(?=\s|$)|\n|$)"
)
# A full stop after a title or an initial (Mr. Smith, Dr., U.S., p.m., J. K., 職籃P. LEAGUE+)
# ends no sentence.
_ABBREVIATION = re.compile(
    r"(?:^|[^A-Za-z0-9.])(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|vs|No|Inc|Ltd|Co|Corp|Gen|Gov|Sen|Rep"
    r"|[A-Za-z]|(?:[A-Za-z]\.)+[A-Za-z])\.$"
)
_CLAUSE = re.compile("[,\uff0c;\uff1b\u3001:\uff1a]|\\s+")
_WORDLIKE = re.compile(r"[^\W\d_]", re.UNICODE)
_NOISE = re.compile(r"[\W_]+", re.UNICODE)
_UNIT = re.compile(r"[a-zA-Z\u00c0-\u024f]+|\d+|[^\W\d_a-zA-Z\u00c0-\u024f]")
_LIST_ITEM = re.compile(  # 3.5亿元 is a figure, not item 3
    r"^\s*(?:[-*\u2022\u00b7]\s|[\u25a0-\u25ff\u2b24\u2605\u2606]\s*"  # - * • ● ■ ◆ ⬤ ★
    r"|\d{1,3}\s*(?:[\u3001)\uff09]|[.\uff0e](?!\d))|[(\uff08]\d{1,2}[)\uff09]"
    r"|[\u2460-\u2473]|[一二三四五六七八九十]{1,2}\u3001)\s*"
)
_RUN_ON = re.compile(
    r"[:\uff1a]\s*(?:(?:\d{1,2}|[(\uff08]\d)[\u3001.\uff0e)\uff09]|[-*\u2022\u00b7]\s)"
)
"""A list run into a sentence after a colon (做法：1、…, 路线：* 71K…)."""
_CAPTION = re.compile(
    r"^[(\uff08]?(?:图为|图片|图|圖為|圖片|圖)[:\uff1a\s]|^(?:显示图片|顯示圖片)"
    # who stands where in a photo (左起, 从左至右), or a product shown with its brand's
    # handle (扫地机器人@iRobot。): a caption whatever else the line says
    r"|左起|[从從自]左[至到向]右|^[^，,；;：:。]*[\u4e00-\u9fff]@\w"
)
_CAPTION_BEFORE = re.compile(
    r"^[^。！？]{2,60}?[(\uff08](?:网页截图|網頁截圖|资料图|資料圖|视频截图|視頻截圖|截图|截圖"
    r"|[^)\uff09]{0,12}(?:供图|供圖|摄|攝))[)\uff09]\s*"
)
"""A photo caption run into the next sentence (巴黎周一车辆限行公交免费（网页截图）据…):
cut off when what follows is a sentence of its own."""
_PAGE_DEBRIS = re.compile(
    r"^\s*(?:\d{1,2}:\d{2}:\d{2}|[\u3010\[](?:字体|字體|字号|字號)[^\u3011\]]{0,12}[\u3011\]]"
    r"|[\u3010\[(\uff08]\d{1,2}/\d{1,2}(?:/\d{2,4})?\s*\d{1,2}:\d{2}\s*(?:更新|update[d]?)?"
    r"[\u3011\])\uff09]|\s)+",
    re.I,
)
"""A web page's time stamp (15:20:00, with seconds: a time in a story has none; an update
stamp [28/11 14:03更新]) and its font-size control (【字体：大 中 小】) left at the start of
the text."""
# What every editor drops from a lead to make it a summary: a dateline or a credit (新华社北京
# 5月3日电（记者 王某）, （中央社記者王某台北5日電）, 本报讯, see bylines.lead_end) or a bracketed
# tag (【环球网综合报道】). Openings such as 据悉， or 11月17日， stay: editors of long news keep
# them (CLTS), only headline writers drop them.
_BRACKETED = r"[\u3010\[][^\u3011\]\n]{1,40}[\u3011\]]"
_SOURCE_TAG = re.compile(rf"^\s*{_BRACKETED}\s*")
"""A source's tag opening a paragraph (【有線新聞】, 【點新聞報道】): a dateline, no topic."""
_DESK = re.compile(r"^\s*[^，,。：:！？!?\s]{2,12}(?:专稿|專稿|综合报道|綜合報道)[:\uff1a]\s*")
"""A desk's credit before the lead (国际在线专稿：, 中国日报网综合报道：), a dateline too."""
# What a headline writer also drops: a #topic# tag, and an opening clause that only says
# when relative to the day of writing (昨日上午， 近日， 上周五，), which means nothing once the
# gist is read apart from the article's date. A date (11月17日，) stays: editors keep it.
_TAG = re.compile(r"^\s*#[^#\s]{1,30}#\s*")
_WHEN = re.compile(
    r"^(?:[今昨前明][天日晚]|近日|日前|近期|目前|[当當]前|此前|早前|近[来來]|最近|[当當][天日晚]"
    r"|[上本这這][个個]?(?:周|週|星期|礼拜|禮拜)[一二三四五六日天末]?|[上本这這][个個]?月)"
    r"(?:[上下中]午|凌晨|早上|晚上|晚間|晚间|傍晚|[早晚夜])?[，,]\s*"
)
# jieba tags of words that carry no topic: particles, prepositions, conjunctions,
# pronouns, adverbs, numerals, measure words, interjections, punctuation.
_FUNCTION_TAGS = ("u", "p", "c", "r", "d", "m", "q", "y", "e", "o", "x", "w", "zg", "f")
_KEYWORD_TAGS = ("n", "vn", "j", "eng", "l")
_ENGLISH_STOPWORDS = frozenset(
    re.findall(
        r"\w+",
        "a about above after again against all also am an and any are as at be because been "
        "before being below between both but by can could did do does doing down during each "
        "few for from further had has have having he her here hers herself him himself his "
        "how i if in into is it its itself just more most my myself no nor not now of off on "
        "once only or other our ours ourselves out over own same she should so some such than "
        "that the their theirs them themselves then there these they this those through to "
        "too under until up very was we were what when where which while who whom why will "
        "with would you your yours yourself yourselves said says say told according new one "
        "two three first last year years also would could may might must shall mr mrs ms per "
        "its ",
    )
)

HEADLINE = 0.5
"""Weight of a sentence repeating the whole headline: half the first sentence's prior,
since a headline repeats the lead by construction and the prior already counts that."""
CENTRALITY = 1.0
"""Weight of the most central sentence: as much as the first sentence's prior."""
WINDOW = 20
"""Sentences after a sentence that count towards its centrality: bounds the cost on long
articles (linear in their length) and covers every sentence of a typical news article."""
MAX_SENTENCE = 200
"""Characters: a longer "sentence" (a text without full stops) is split at its clauses."""
LEAD = 2
"""The gist is one of the first LEAD candidate sentences: news states its point first, and
a feature's opening anecdote is one sentence, not a page."""
COVERAGE = 4.0
"""Weight, in choosing the gist, of a sentence's coverage (the share of its bigrams that
other sentences repeat) relative to the other lead candidate's: the second sentence wins
when the article builds on it clearly more than on the first."""
MARGIN = 0.05
"""The least by which the second lead candidate's coverage must exceed the first's for it
to be the gist: news states its point first, so it takes clear evidence to move away.
Relative coverage alone let 4 % against 2 % of the bigrams decide, which is noise: on
LCSTS dev such switches won 12 times and lost 20 against the lead, those with a larger
gap won 32 and lost 10 (fitted on dev; 0.04 to 0.07 give the same within 0.2 ROUGE-L)."""
WATCH = 8
"""Leading sentences whose coverage is counted (the lead candidates are among them)."""
QUOTED_HEADLINE = 1 / 3
"""Share of the headline's bigrams a quotation must repeat to stay a gist candidate: a post
headlined with what someone said (教育部原发言人：现在语文课至少一半不该学) leads with that
quotation, which is its news; a report quoting beside its news (李洋則說：「我是金門人」 under
a headline of the gold medal) does not. Without a headline nothing tells them apart, and
quotations stay candidates: on LCSTS dev (no headlines), skipping every quotation changed 4
gists of 349, 3 for the worse (the editors' summaries repeat the quotation)."""
POOL = 50
"""The most relevant candidates among which key sentences are picked (bounds the cost)."""
SHORTEST = 8
"""Characters: a shorter sentence is a fragment (a caption, a dateline), not a key sentence."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence verbatim, the index of its paragraph, and its order in the article.

    ``cut`` marks a piece of a longer sentence (split at a clause, see :func:`bounded`),
    ``listed`` a list item, whose marker (- * • 1、 2. ① (3)) is not part of the text.
    """

    text: str
    paragraph: int
    position: int
    cut: bool = False
    listed: bool = False


def split_sentences(paragraphs: Sequence[str], apart: Sequence[bool] = ()) -> list[Sentence]:
    """Sentences at full stops (。, and . before a space), ! and ?, closing quotes kept,
    each without its list marker. ``apart`` marks the paragraphs that are no running text
    (a list's or a table's items, whose markers the reader took off; a subheading): their
    sentences are ``listed`` too, so never key sentences; so are a caption's, a paragraph
    ending in a photo credit (■新华社记者 程敏 摄), and in a Chinese article a sentence in
    another script (:func:`_foreign`: an agency's English caption, …in Tokyo on March 8,
    2026.). A sentence made only of credits (a byline,
    an editor's trailer, a header stamp: see :mod:`bylines`) is no sentence of the article.

    A sentence over :data:`MAX_SENTENCE` characters (a text without sentence-ending
    punctuation) is split into pieces that end at a clause, or at a word.
    """
    sentences: list[Sentence] = []
    foreign = [_foreign(p) for p in paragraphs if _HAN.search(p) or _LATIN.search(p)]
    chinese = foreign.count(False) > foreign.count(True)  # by paragraphs, as captions run long
    for index, paragraph in enumerate(paragraphs):
        caption = photo_credited(paragraph)
        credits = credit_spans(paragraph)
        at = 0
        for text in _sentence_texts(paragraph):
            at = paragraph.index(text, at)
            start, at = at, at + len(text)
            if credits and _credited(text, start, credits):
                continue
            marker = _LIST_ITEM.match(text)
            text = (
                text[marker.end() :] if marker and _WORDLIKE.search(text[marker.end() :]) else text
            )
            for debris in (_PAGE_DEBRIS, _CAPTION_BEFORE):
                rest = debris.sub("", text, count=1)
                if len(letters(rest)) >= SHORTEST:
                    text = rest
            if not _WORDLIKE.search(text):
                continue
            pieces = pieces_of(text, MAX_SENTENCE)
            for piece in pieces:
                if _WORDLIKE.search(piece):
                    cut = len(pieces) > 1
                    listed = (
                        bool(marker)
                        or caption
                        or (index < len(apart) and apart[index])
                        or (chinese and _foreign(piece))
                    )
                    sentences.append(Sentence(piece, index, len(sentences), cut, listed))
    return sentences


_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")


def _foreign(text: str) -> bool:
    """Whether ``text`` has fewer Han characters than Latin letters: in a Chinese article,
    a caption in English ((Photo by … / AFP) 法國新聞社), no sentence of its news."""
    return len(_HAN.findall(text)) < len(_LATIN.findall(text))


def _credited(text: str, start: int, credits: Sequence[tuple[int, int]]) -> bool:
    """Whether every letter of ``text`` (at ``start`` of its paragraph) lies in a credit."""
    outside = [
        char for i, char in enumerate(text, start) if not any(a <= i < b for a, b in credits)
    ]
    return not _WORDLIKE.search("".join(outside))


def _sentence_texts(paragraph: str) -> Iterator[str]:
    """The paragraph's sentences, stripped; one ending in an abbreviation or inside a
    quotation joins the next."""
    pending = ""
    for match in _SENTENCE.finditer(paragraph):
        text = pending + match.group(0)
        joins = _ABBREVIATION.search(text.rstrip()) or (
            _open_quote(text) and len(text) < MAX_SENTENCE
        )
        if joins and match.end() < len(paragraph):
            pending = text
            continue
        pending = ""
        if text.strip():
            yield text.strip()
    if pending.strip():
        yield pending.strip()


_QUOTES = (("\u201c", "\u201d"), ("\u300c", "\u300d"), ("\u300e", "\u300f"))
"""Chinese opening and closing quotation marks: “ ”, 「 」, 『 』."""


def _open_quote(text: str) -> bool:
    """A quotation opened and not yet closed: its full stops (“六王毕，四海一，蜀山兀，阿房出。
    覆压三百余里……”) end no sentence, so no sentence starts inside a quotation."""
    return any(text.count(opening) > text.count(closing) for opening, closing in _QUOTES)


def pieces_of(text: str, limit: int) -> list[str]:
    """``text`` in consecutive pieces of at most ``limit`` characters, each ending at a
    clause break (，；、: or a space) where there is one, else at a word boundary."""
    pieces = []
    while len(text) > limit:
        head = cut_point(text, limit)
        pieces.append(text[:head].strip())
        text = text[head:].lstrip()
    return [*pieces, text] if text else pieces


def cut_point(text: str, limit: int) -> int:
    """Where to cut ``text`` at or before ``limit``: after the last clause break, or at the
    last word boundary (jieba's words; spaces in alphabetic text), never inside a word."""
    breaks = [m.end() for m in _CLAUSE.finditer(text, 0, limit) if m.end() > limit // 3]
    if breaks:
        return breaks[-1]
    ends = [t.end for t in segment(text[: limit + 1]) if t.end <= limit]
    return max((e for e in ends if e > 0 and e < len(text)), default=limit)


def bounded(text: str, limit: int) -> str:
    """``text`` whole if it has at most ``limit`` characters, else cut at a clause (or
    word) with an ellipsis: what the brief shows of an over-long item or gist."""
    if len(text) <= limit:
        return text
    return text[: cut_point(text, limit - 1)].rstrip(" ,\uff0c\u3001;\uff1b:\uff1a") + "\u2026"


def gist_text(sentence: Sentence) -> str:
    """The gist as the brief shows it: the sentence without a dateline or bracketed tag,
    a #topic# tag or an opening relative time (昨日上午，), and with a run-on list after a
    colon cut to an ellipsis, each when what is left still has :data:`SHORTEST` letters;
    a piece of a longer sentence ends with an ellipsis."""
    text = sentence.text
    if len(letters(undated(text))) >= SHORTEST:
        text = undated(text)
    for preamble in (_DESK, _TAG, _WHEN):
        rest = preamble.sub("", text, count=1)
        if len(letters(rest)) >= SHORTEST:
            text = rest
    listed = _RUN_ON.search(text)
    if listed and len(letters(text[: listed.start()])) >= SHORTEST:
        return text[: listed.start()] + "\u2026"
    return text + "\u2026" if sentence.cut else text


def undated(text: str) -> str:
    """``text`` without the dateline or credit (see :func:`bylines.lead_end`) or the source's
    tag (【有線新聞】) opening it."""
    tag = _SOURCE_TAG.match(text)
    return text[tag.end() :] if tag else text[lead_end(text) :].lstrip()


def is_content(token: Token) -> bool:
    """A word that can carry the topic: two or more characters, not a function word."""
    if len(token.simple) < 2 or not _WORDLIKE.search(token.simple):
        return False
    return not token.tag.startswith(_FUNCTION_TAGS) if token.tag else True


def letters(text: str) -> str:
    """``text`` in Simplified characters without punctuation or spaces: what ROUGE compares."""
    return _NOISE.sub("", simplified_copy(text))


def units(text: str) -> int:
    """Length in reading units: letters, but a Latin-script word or a number is one."""
    return len(_UNIT.findall(text))


def bigrams(text: str) -> set[str]:
    """The distinct character bigrams of :func:`letters`."""
    chars = letters(text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def forward_centrality(units: Iterable[set[str]], window: int = WINDOW) -> list[float]:
    """How much the next ``window`` sentences repeat each one, scaled so the most has 1.

    Similarity is TextRank's: shared units over the sum of the log sizes. Only later
    sentences count (PACSUM's directed centrality): news elaborates after it states.
    ``units`` are read once, keeping only the last ``window`` in memory.
    """
    sums: list[float] = []
    recent: deque[tuple[int, set[str], float]] = deque(maxlen=window)
    for j, found in enumerate(units):
        log = math.log(len(found) + 1)
        sums.append(0.0)
        if found:  # a sentence without bigrams ("A") shares nothing
            for i, earlier, earlier_log in recent:
                sums[i] += len(earlier & found) / (earlier_log + log)
            recent.append((j, found, log))
        else:
            recent.append((j, found, log))
    top = max(sums, default=0.0)
    return [value / top for value in sums] if top else sums


def relevance(
    sentences: Sequence[Sentence], headline: str, centrality: float = CENTRALITY
) -> tuple[list[float], Counter[str]]:
    """Each sentence's score before redundancy -- position prior 1 / (1 + position), plus
    centrality, plus the share of the headline's bigrams it repeats -- and, for each
    bigram of the first :data:`WATCH` sentences, how many sentences have it."""
    wanted = bigrams(headline)
    titled: list[float] = []
    repeats: Counter[str] = Counter()

    def units() -> Iterator[set[str]]:
        for index, sentence in enumerate(sentences):
            found = bigrams(undated(sentence.text))
            titled.append(HEADLINE * len(found & wanted) / len(wanted) if wanted else 0.0)
            if index < WATCH:
                repeats.update(found)
            else:
                repeats.update(found & repeats.keys())
            yield found

    central = forward_centrality(units())
    scores = [
        1 / (1 + s.position) + centrality * c + t
        for s, c, t in zip(sentences, central, titled, strict=True)
    ]
    return scores, repeats


def is_caption(text: str) -> bool:
    """Whether a text is a photo caption (图为…, 左起…, a brand's @handle, or ending in a
    photo credit: …羊城晚报记者 周巍 摄), which is no key sentence and gives the brief no date."""
    return bool(_CAPTION.search(text)) or photo_credited(text)


_BYLINE_FIELD = re.compile(
    r"(?:來源|来源|日期|記者|记者|作者|編輯|编辑|攝影|摄影|時間|时间|發佈|发布|更新)\s*[:\uff1a]"
)
"""A field of a byline block (來源：大公報日期：2025-11-28記者：…): two make no sentence, nor
does one that starts a line ending no sentence (記者：張真、李雅雯)."""
_BULLET = re.compile(r"[*\u2022]\s")
"""A list marker: two inside one sentence are list items run together (…宏福苑* 九巴路线…)."""
_SUBTITLE = re.compile(r"^[题題][:\uff1a]")
"""A news agency's title line after its dateline (新华社香港11月29日电 题：…)."""


def is_candidate(
    sentence: Sentence, median: float, size: int | None = None, headline: str = ""
) -> bool:
    """Whether a sentence can be a key sentence: not a list item (1、 ① - ), not a run-on
    list (做法：1、…, two or more ；, items run together) nor the line that announces a list
    (…需要调整：), not a caption (图为…), not a byline (block), not the headline again (or an
    agency's 题： line), not a fragment or a wall. ``size`` is its length in letters, if
    already known."""
    text = sentence.text
    size = len(letters(text)) if size is None else size
    return not (
        _repeats(text, headline)
        or text.rstrip().endswith((":", "\uff1a"))
        or len(_BYLINE_FIELD.findall(text)) >= 2
        or (_BYLINE_FIELD.match(text) and text.rstrip(_CLOSERS + " ")[-1:] not in _ENDS)
        or len(_BULLET.findall(text)) >= 2
        or sentence.listed
        or size < min(SHORTEST, median / 2)
        or size > max(3 * median, 120)
        or _LIST_ITEM.match(text)
        or _RUN_ON.search(text)
        or text.count("\uff1b") + text.count(";") >= 2
        or is_caption(text)
    )


def _repeats(text: str, headline: str) -> bool:
    """Whether a sentence, without its dateline, is the headline again or an agency's
    title line (题：…)."""
    rest = undated(text)
    said = letters(rest)
    return bool(_SUBTITLE.match(rest)) or (len(said) >= SHORTEST and said in letters(headline))


def key_sentences(
    sentences: Sequence[Sentence],
    headline: str,
    count: int,
    budget: int = BUDGET,
    centrality: float = CENTRALITY,
    scale: float = SCALE,
) -> list[Sentence]:
    """The best sentences (see :func:`pick`), in article order."""
    chosen = pick(sentences, headline, count, budget, centrality, scale)
    return sorted(chosen, key=lambda s: s.position)


def pick(
    sentences: Sequence[Sentence],
    headline: str,
    count: int,
    budget: int = BUDGET,
    centrality: float = CENTRALITY,
    scale: float = SCALE,
) -> list[Sentence]:
    """Up to ``count`` sentences, best first (the first is the gist: one of the first
    :data:`LEAD` candidates from the first that is no :func:`quotation`, itself no quotation
    -- an opening quotation is skipped like an anecdote, one after the lead does not replace
    it -- unless the headline repeats the quotation, see :data:`QUOTED_HEADLINE`). A sentence's
    bigrams are those of its text without a dateline (:func:`undated`).

    Each step takes the candidate with the highest relevance times the share of its
    bigrams not yet said. Picking stops at ``count``, once the chosen sentences reach
    ``budget`` characters (0: no budget) or ``scale`` times the square root of the
    article's :func:`units` (0: no such limit), or when every candidate only repeats. A
    sentence longer than the whole budget is a candidate only if every sentence is;
    when no sentence passes :func:`is_candidate`, all are candidates. ``centrality`` 0
    turns the centrality term off (the evaluation's ablation).
    """
    scores, repeats = relevance(sentences, headline, centrality)
    sizes = [len(s.text) for s in sentences]
    lengths = [len(letters(s.text)) for s in sentences]
    median = statistics.median(lengths) if lengths else 0
    candidates = [
        i for i, s in enumerate(sentences) if is_candidate(s, median, lengths[i], headline)
    ]
    candidates = candidates or list(range(len(sentences)))
    spans = [units(s.text) for s in sentences]
    limit = scale * math.sqrt(sum(spans)) or math.inf
    if budget:
        candidates = [i for i in candidates if sizes[i] <= budget] or candidates
    # Only the POOL most relevant distinct sentences can be picked: redundancy only
    # lowers a score, and a repeated sentence adds nothing.
    first = {sentences[i].text: i for i in reversed(candidates)}
    pool = set(heapq.nsmallest(POOL, first.values(), key=lambda i: (-scores[i], i)))
    grams = {i: bigrams(undated(sentences[i].text)) for i in pool}
    candidates_left = pool
    said: set[str] = set()
    chosen: list[int] = []
    length = span = 0
    watched = [i for i in sorted(pool) if i < WATCH]
    wanted = bigrams(headline)
    quoted = {
        i
        for i in watched
        if quotation(sentences[i].text) and len(grams[i] & wanted) < QUOTED_HEADLINE * len(wanted)
    }
    opening = next((k for k, i in enumerate(watched) if i not in quoted), 0)
    window = watched[opening : opening + LEAD]
    lead = [i for i in window if i not in quoted] or window
    if lead and (news := _headline_news(headline, [sentences[i].text for i in lead], sentences)):
        lead = [news] if news in pool else lead
    if lead:  # the gist: the lead candidate the article covers best, besides its score
        covered = _coverage(lead, grams, repeats)
        most = max(covered.values()) or 1.0
        gist = max(lead, key=lambda i: scores[i] + COVERAGE * covered[i] / most)
        if covered[gist] < covered[lead[0]] + MARGIN or _news_of(
            headline, sentences[lead[0]].text, sentences[gist].text
        ):
            gist = lead[0]
        chosen.append(gist)
        candidates_left.remove(gist)
        said |= grams[gist]
        length, span = sizes[gist], spans[gist]
    while (
        candidates_left
        and len(chosen) < count
        and not (budget and length >= budget)
        and span < limit
    ):
        gains = {i: scores[i] * _new_share(grams[i], said) for i in candidates_left}
        best = max(sorted(candidates_left), key=gains.__getitem__)  # ties: the earlier one
        if chosen and gains[best] <= 0:
            break
        chosen.append(best)
        candidates_left.remove(best)
        said |= grams[best]
        length += sizes[best]
        span += spans[best]
    return [sentences[i] for i in chosen]


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPEAKER = re.compile(
    "[^\uff0c,\u3002\uff1a:\uff1b;\uff01\uff1f!?\\s\u201c\u300c\u300e]{1,12}[\uff1a:\uff0c,]\\s*"
)
"""Who speaks before a quotation, and the colon or comma (李洋則說：, 他表示，)."""


def quotation(text: str) -> bool:
    """Whether a sentence, without its dateline, is one quotation alone or after its speaker
    (“我将忠实履行宪法赋予的职责……”, 李洋則說：「我是金門人。」): someone's words, not the news,
    so no gist while another lead sentence reports what happened."""
    said = undated(text).strip().rstrip(_ENDS + ". ")
    speaker = _SPEAKER.match(said)
    said = said[speaker.end() :] if speaker else said
    return any(
        len(said) > 2 and said[0] == opening and said[-1] == closing and closing not in said[1:-1]
        for opening, closing in _QUOTES
    )


def _headline_news(headline: str, lead: Sequence[str], sentences: Sequence[Sentence]) -> int:
    """The first of the leading :data:`WATCH` sentences holding every number of the
    headline when neither lead candidate holds one (捐100萬港幣 under a headline of 捐100萬:
    the news, after a lead that recaps the fire), else 0 (the lead stands). A headline of
    several figures (樓齡42年、設8座、7幢) sums the article up: no one sentence holds them."""
    numbers = set(_NUMBER.findall(headline))
    if not numbers or any(numbers & set(_NUMBER.findall(text)) for text in lead):
        return 0
    return next(
        (i for i, s in enumerate(sentences[:WATCH]) if numbers <= set(_NUMBER.findall(s.text))), 0
    )


def _news_of(headline: str, lead: str, other: str) -> bool:
    """Whether the lead holds a number of the headline that the other sentence lacks (死亡人數
    增至146人 under a headline of 146): the lead then carries the news, and a sentence that
    only covers more of the article (a recap, the search) does not replace it."""
    numbers = set(_NUMBER.findall(headline))
    return bool(numbers & set(_NUMBER.findall(lead)) - set(_NUMBER.findall(other)))


def _coverage(
    lead: Sequence[int], grams: dict[int, set[str]], repeats: Counter[str]
) -> dict[int, float]:
    """Each lead candidate's share of bigrams that sentences other than the lead
    candidates repeat (two leads that only repeat each other cover nothing)."""
    covered = {}
    for i in lead:
        rest = [repeats[b] - sum(b in grams[k] for k in lead) for b in grams[i]]
        covered[i] = sum(r > 0 for r in rest) / len(rest) if rest else 0.0
    return covered


def _new_share(units: set[str], said: set[str]) -> float:
    return len(units - said) / len(units) if units else 0.0


def keywords(
    headline: str,
    paragraphs: Sequence[str],
    count: int,
    names: Sequence[str] = (),
    bodies: Sequence[str] = (),
) -> list[str]:
    """The ``count`` words with the highest TF-IDF, as the article writes them.

    Nouns and noun-like words only (jieba tags n*, vn, j, eng, l, or unknown to the
    dictionary, which is where new terms and names land); the headline counts twice.
    Words in Latin letters count case-blind, need three letters and are no English
    function or reporting words (the, to, said). No dateline word (网讯, 日电), no word of a
    source's tag (【點新聞報道】) or of a byline or credit (新华社 of 新华社记者 程敏 摄), and no
    unknown word the segmenter cut from a date (年任 of 1990年任), a count (个村 of 54个村)
    or a demonstrative (这轮), and no part of a web address (https, com).
    A part of a person's name in ``names`` (子怡 of 章子怡, 卫国 of 许卫国) counts for the
    whole name; a fragment always written inside a listed organisation's name in ``bodies``
    (台积 of 台积电, which jieba cuts 台积|电) grows into it.
    """
    written: dict[str, str] = {}
    counts: Counter[str] = Counter()
    whole = {simplified_copy(name): name for name in names}
    for weight, text in ((2, headline), *((1, p) for p in paragraphs)):
        tag = _SOURCE_TAG.match(text)
        links = [m.span() for m in _LINK.finditer(text)] + ([tag.span()] if tag else [])
        links += credit_spans(text)
        for token in segment(text):
            key = token.simple.lower() if token.simple.isascii() else token.simple
            if key.isascii() and (len(key) < 3 or key in _ENGLISH_STOPWORDS):
                continue
            if any(a <= token.start < b for a, b in links):
                continue  # https, com of a web address; 新聞報道 of 【點新聞報道】; a byline's
            if key in DATELINE_ENDS or (not token.tag and key[0] in _NOT_A_WORD_START):
                continue
            if key in _GENRES or _glued_entry(key) or _idiom_piece(key, token.tag):
                continue
            if is_content(token) and (not token.tag or token.tag.startswith(_KEYWORD_TAGS)):
                name = next((n for n in whole if key in n), None)
                key, shown = (name, whole[name]) if name else (key, token.text)
                written.setdefault(key, shown)
                counts[key] += weight
    order = {w: i for i, w in enumerate(written)}
    ranked = sorted(counts, key=lambda w: (-counts[w] * idf(w), order[w]))
    texts = [headline, *paragraphs]
    article, simple = "\n".join(texts), "\n".join(simplified_copy(t) for t in texts)
    chosen: dict[str, None] = {}
    listed = frozenset(whole) | {simplified_copy(b) for b in bodies}
    for key in ranked:
        if len(chosen) >= count:
            break
        if _straddles(simple, key, whole):
            continue
        longer = _whole_word(article, simple, key, listed)
        shown = written[key] if longer is None else longer
        if shown and shown.lower() not in (c.lower() for c in chosen):
            chosen[shown] = None
    return list(chosen)


def _straddles(simple: str, key: str, names: Iterable[str]) -> bool:
    """Whether every occurrence of ``key`` overlaps a listed person's name without lying
    inside it: a piece cut across a name's edge (王查理 of 英王|查理斯三世)."""
    spans = [
        (m.start(), m.start() + len(name))
        for name in names
        if key not in name
        for m in re.finditer(re.escape(name), simple)
    ]
    starts = [m.start() for m in re.finditer(re.escape(key), simple)]
    return bool(starts) and all(any(a < i + len(key) and i < b for a, b in spans) for i in starts)


_LINK = re.compile(r"(?:https?://|www\.)[\w./?=&%#:~+-]+", re.I)
"""A web address: its parts (https, pulsehknews, com) are no keywords."""
_NOT_A_WORD_START = frozenset("年月日号时这那该此每各个多几数之无不未没")
"""First characters of no new word: a unit or a measure word cut from the number before it
(1990年任, 54个村), a demonstrative cut with its measure word (这轮), a vague number with
what it counts (多人, 数人), the particle 之 (之虞 of 再犯之虞) or a negation (无负 of 无负人民).
A numeral may start a name (九巴, 三院 of 东华三院)."""
_GENRES = frozenset(re.findall(r"\S+", "侧记 特写 综述 述评 短评 专访 手记 札记 纪实 快评 时评"))
"""Labels of a report's genre (…讲话侧记 in a headline): what the text is, not its topic."""


def _glued_entry(word: str) -> bool:
    """A rare dictionary entry that is a one-character word glued to a word far more common
    (案+一审 of 受贿案一审: 3 in jieba's counts against 一审's 90), its first two characters
    no word (案一; 立法+院 is a body): a cut, not a term."""
    count = frequency(word)
    return (
        len(word) == 3
        and 0 < count < 10
        and frequency(word[1:]) >= 10 * count
        and frequency(word[:2]) == 0
        and frequency(word[0]) > 0
    )


def _idiom_piece(word: str, tag: str) -> bool:
    """A word jieba does not know made of a quality and a position (稳中 of 稳中有进, 稳中求进):
    the start of a set phrase, not a term."""
    return (
        not tag
        and len(word) == 2
        and tag_of(word[0]).startswith("a")
        and tag_of(word[1]).startswith("f")
    )


MAX_WHOLE = 8
"""Characters: the longest word a fragment's constant neighbours may make (宏福 → 宏福苑)."""
_NAME_ENDS = frozenset(
    "苑邨村镇市区县省州街路楼阁院会局署部委厅社所校司行台团处馆站厂湖河江山岛湾峰城案"
)
"""Last characters of a name a fragment belongs to (宏福苑, 东华三院, 保险业联会, 可鲁克湖,
京华城案: a case, named after its place)."""
_LATIN_AFTER = re.compile(r" [A-Z][\w&'-]*")
_LATIN_BEFORE = re.compile(r"(?<![A-Za-z\d_&'-])[A-Z](?:[\w&'-]*|\.) $")
"""A capitalised word or an initial right after or before a Latin-script keyword (Pulse News,
P. LEAGUE)."""


def _whole_word(
    article: str, simple: str, key: str, people: frozenset[str] = frozenset()
) -> str | None:
    """The word a keyword candidate is a fragment of, as the article writes it; "" when
    it is a fragment of no sensible word; None when it is no fragment.

    A candidate that, everywhere it occurs (at least twice, or once before the last
    character of a name: 宏福 of 宏福苑), is followed or preceded by the same characters is
    a fragment of the longer string: 宏福 of 宏福苑, 三院 of 东华三院,
    苑大 of 宏福苑大维修工程, Pulse of Pulse News; one always after a number (人为 of
    3人为) is the end of a count. The longest word in that string which holds the
    candidate replaces it (see :func:`_a_word`; a listed person's name in ``people``, as
    Simplified, is one too: 伊势谷友介 of 伊势; capitalised Latin words are one name). With
    none, a candidate jieba does not know (赔快 of 能赔快赔) or the stem of a name (宏福 of
    宏福苑大维修) is dropped; a word it knows stays (棚架 of 棚架工程). A word jieba does not
    know, written once and not a name (以假 of 以假消息), is dropped too.
    """
    latin = key.isascii()
    haystack = simple.lower() if latin else simple
    starts = [m.start() for m in re.finditer(re.escape(key), haystack)]
    if latin:  # whole words only (News, not Newsroom)
        starts = [
            i
            for i in starts
            if not (i and haystack[i - 1].isalnum())
            and not haystack[i + len(key) : i + len(key) + 1].isalnum()
        ]
    if len(starts) == 1 and not latin:  # written once: a name's stem grows (宏福 of 宏福苑)
        stem = simple[starts[0] + len(key) : starts[0] + len(key) + 1] in _NAME_ENDS
        if not stem and (frequency(key) > 0 or key[-1] in _NAME_ENDS):
            return None  # a word, or a name (宏盛阁)
        if not stem:
            return ""  # a piece jieba glued from running text (以假 of 以假消息, 名受 of 827名受)
    if not starts or (latin and len(starts) < 2):
        return None
    if not latin and all(simple[i - 1 : i].isdigit() for i in starts):
        return ""  # 人为 of 3人为…, 1人为…: the end of a count, no word
    begin, end = list(starts), [i + len(key) for i in starts]
    while True:  # grow right while every occurrence goes on the same way
        step = _same_next(article, simple, end, latin)
        if not step or end[0] + step - begin[0] > 4 * MAX_WHOLE:
            break
        end = [e + step for e in end]
    while True:
        step = _same_next(article, simple, begin, latin, before=True)
        if not step or end[0] - begin[0] + step > 4 * MAX_WHOLE:
            break
        begin = [b - step for b in begin]
    if begin == starts and end == [i + len(key) for i in starts]:
        return None
    if latin:
        return article[begin[0] : end[0]]
    # The longest word around the candidate (大埔宏福苑 of 大埔宏福苑五级火, 保险业联会).
    first, left, right = begin[0], starts[0] - begin[0], starts[0] + len(key) - begin[0]
    around = simple[first : end[0]]
    tokens = segment(around)
    words = [
        (a, b)
        for a in range(left + 1)
        for b in range(right, len(around) + 1)
        if (a, b) != (left, right) and (around[a:b] in people or _a_word(around[a:b], a, b, tokens))
    ]
    if not words:  # 香港廉政公署|就…, 棚架|工程…: a word before syntax or another word
        stem = right < len(around) and around[right] in _NAME_ENDS  # 宏福|苑大维修
        return "" if frequency(key) == 0 or stem else None
    a, b = max(words, key=lambda span: (span[1] - span[0], -span[0]))
    return article[first + a : first + b]


def _a_word(text: str, a: int, b: int, tokens: Sequence[Token]) -> bool:
    """A word jieba knows; or a name ending like one (宏福苑, 东华三院) of at most
    :data:`MAX_WHOLE` characters, from word boundary ``a`` to word boundary ``b`` of
    ``tokens``, made of nouns, names and distinguishing words (not 就大埔宏福苑: 就 is no
    noun). Two nouns that always go together (蚂蚁金融, 新宿天鹅) are a phrase, not a word."""
    if frequency(text) > 0:
        return True
    inside = [t for t in tokens if a <= t.start and t.end <= b]
    if text[-1] not in _NAME_ENDS or len(text) > MAX_WHOLE or not inside:
        return False
    joined = all(x.end == y.start for x, y in itertools.pairwise(inside))
    return (
        joined
        and inside[0].start == a
        and inside[-1].end == b
        and all(not t.tag or t.tag[0] in "njbmz" for t in inside)
    )


def _same_next(
    article: str, simple: str, at: Sequence[int], latin: bool, before: bool = False
) -> int:
    """How far every occurrence (ending, or with ``before`` starting, at ``at``) goes on the
    same way: one Han character, or a space and a capitalised word in Latin script; 0 if
    they differ."""
    if latin:
        pattern = _LATIN_BEFORE if before else _LATIN_AFTER
        found = set()
        for i in at:
            m = pattern.search(article, 0, i) if before else pattern.match(article, i)
            if not m:
                return 0
            found.add(m.group(0))
        return len(found.pop()) if len(found) == 1 else 0
    chars = {simple[i - 1 : i] if before else simple[i : i + 1] for i in at}
    if len(chars) == 1 and re.fullmatch(r"[\u4e00-\u9fff]", next(iter(chars))):
        return 1
    return 0
