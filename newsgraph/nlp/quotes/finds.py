"""Quotations tied to speakers: quoted pieces joined across speech tags, the cascade of
ways a quotation finds its speaker (``attributed``) and ``quotation_finds`` over a doc."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from newsgraph.model import QuoteKind, TextSpan
from newsgraph.nlp import lexicon as lx
from newsgraph.nlp import names
from newsgraph.nlp.base import doc_text
from newsgraph.nlp.quotes.clauses import found_from_region, relative_label_verb
from newsgraph.nlp.quotes.common import (
    CONFIDENCE,
    FULL_STOP_ENDINGS,
    NOUN_CLAUSE_DEPS,
    OWN_TAG_ENDINGS,
    QUOTE_CHARS,
    SENTENCE_END,
    Candidate,
    Found,
    Region,
    content_range,
    cue_lemma,
    cue_text,
    pieces_overlap,
    word_count,
)
from newsgraph.nlp.quotes.regions import (
    doc_regions,
    in_quotation,
    inside_pieces,
    lead_in,
    paragraph_of,
    paragraph_starts,
    previous_paragraph_start,
    quoted_between,
)
from newsgraph.nlp.quotes.speakers import noun_phrase
from newsgraph.nlp.quotes.tags import (
    as_put_it,
    bare_tag_after,
    bare_tag_before,
    bare_tag_between,
    clause_subject,
    colon_subject,
    governing_cue,
    introduces_quotation,
    is_label,
    is_set_off,
    loose_tag_after,
    names_only,
    only_connectives,
    tag_after,
    tag_before,
    tag_closes_sentence,
    tag_in,
)

# The dashes before a credit line, longest first ('--' before '-').
CREDIT_DASHES = tuple(sorted(lx.NAME_DASHES, key=lambda d: (-len(d), d)))


def joined_with_tags(
    regions: list[Region], text: str, cand_at: dict[int, Candidate], doc: Doc,
    para_starts: Sequence[int],
) -> list[tuple[Region, Candidate | None]]:
    """Join quoted pieces split by a speech tag ('"A," he said. "B"') into one Region."""
    out: list[tuple[Region, Candidate | None]] = []
    i = 0
    while i < len(regions):
        reg = regions[i]
        tag: Candidate | None = None
        while i + 1 < len(regions):
            nxt = regions[i + 1]
            gap = (reg.end, nxt.start)
            if paragraph_of(para_starts, gap[0]) != paragraph_of(para_starts, gap[1]):
                break
            cand = tag_in(doc, gap, cand_at) or bare_tag_between(doc, gap, cand_at)
            if cand is None or has_own_tag(doc, regions, i + 1, cand_at, para_starts):
                break
            if introduces_quotation(text, cand.cue) and not continued_by_tag(
                    doc, reg, para_starts[paragraph_of(para_starts, reg.start)]):
                break  # 'called it "a farce." He adds, "..."': the tag opens the next one
            tag = cand
            reg = Region(pieces=reg.pieces + nxt.pieces, open_mark=reg.open_mark)
            i += 1
        out.append((reg, tag))
        i += 1
    return out


def dash_credit(doc: Doc, reg: Region) -> tuple[TextSpan, Span] | None:
    """A credit after the quotation that names its speaker behind a dash, on the same line
    or the next ('"...." \n\n- Jane Roe.', '"..." — Sen. Jane Roe', '-Jane Roe, Ohio.'):
    the dash and the name, up to its first comma. None when the dash is followed by more
    than a name and titles."""
    text = doc_text(doc)
    j = reg.end
    while j < len(text) and (text[j] in QUOTE_CHARS or text[j] in " \t\n\xa0.,"):
        j += 1
    dash = next((d for d in CREDIT_DASHES if text.startswith(d, j)), None)
    if dash is None or text.count("\n", reg.end, j) > 2:
        return None
    line_end = text.find("\n", j)
    line_end = len(text) if line_end < 0 else line_end
    comma = text.find(",", j, line_end)
    start = j + len(dash)
    names = doc.char_span(start, comma if comma > 0 else line_end, alignment_mode="contract")
    if names is None:
        return None
    end = names.end
    while end > names.start and doc[end - 1].is_punct:
        end -= 1
    names = doc[names.start:end]
    if not len(names) or not names_only(names):
        return None
    return TextSpan(dash, j, j + len(dash)), names


def continued_by_tag(doc: Doc, reg: Region, para_start: int) -> bool:
    """Whether a quotation can go on after a tag that introduces the next quoted piece: it
    stands as speech and stops mid-sentence ('"We are ready," she said, "and ..."'); not a
    phrase quoted in the narration, nor a quotation that ends its sentence ('"... is
    over." He adds, "..."'), which the tag does not belong to."""
    inner = doc_text(doc)[reg.start:reg.end].rstrip(" " + QUOTE_CHARS)
    return inner[-1:] not in SENTENCE_END and is_set_off(doc, reg, para_start)


def has_own_tag(
    doc: Doc, regions: list[Region], at: int, cand_at: dict[int, Candidate],
    para_starts: Sequence[int],
) -> bool:
    """Whether the quotation ``regions[at]`` is followed by a speech tag of its own in its
    paragraph ('"A," she said. "B," she added.', '... "B," she added. "C."'): it then opens
    a report of its own rather than going on with the one before."""
    reg = regions[at]
    text = doc_text(doc)
    para = paragraph_of(para_starts, reg.end)
    para_end = para_starts[para + 1] if para + 1 < len(para_starts) else len(text)
    ending = text[reg.start:reg.end].rstrip(" " + QUOTE_CHARS)[-1:]
    if ending not in OWN_TAG_ENDINGS and not (
            ending in FULL_STOP_ENDINGS and tag_closes_sentence(text, regions, at, para_end)):
        return False  # '... "B." Smith said: "C"': a tag of the quotation after it
    if at + 1 < len(regions) and regions[at + 1].start < para_end:
        gap = (reg.end, regions[at + 1].start)
        if tag_in(doc, gap, cand_at) is not None:
            return True
    kept = {i: c.speaker for i, c in cand_at.items()}
    found = tag_after(doc, reg, cand_at, para_end)
    for i, speaker in kept.items():
        cand_at[i].speaker = speaker
    return found is not None


def quotation_finds(doc: Doc, candidates: list[Candidate]) -> list[Found]:
    """Every quotation of ``doc`` tied to its speaker (or kept without one when it reads
    as speech); paragraphs that carry on the quotation before them join it."""
    text = doc_text(doc)
    para_starts = paragraph_starts(text)
    cand_at = {c.cue.i: c for c in candidates}
    joined = joined_with_tags(doc_regions(doc), text, cand_at, doc, para_starts)
    by_content = sorted((c for c in candidates if c.content), key=lambda c: c.content[0][0])
    finds: list[Found] = []
    last_in: dict[int, Found] = {}  # the last quotation of each paragraph
    last_tag: dict[int, Candidate] = {}  # the last speech verb with a speaker, by paragraph
    for cand in candidates:
        if cand.speaker is not None and cand.cue.lemma_.lower() in lx.SPEECH_VERBS:
            last_tag[paragraph_of(para_starts, cand.cue_span[0])] = cand
    quoted = [p for reg, _ in joined for p in reg.pieces]
    speech_tags = [c for c in candidates if c.speaker is not None
                   and c.cue.lemma_.lower() in lx.SPEECH_VERBS]
    for reg, tag in joined:
        if finds and inside_pieces(finds[-1].pieces, reg.start) and finds[-1].kind == "partial":
            continue  # a phrase quoted inside a reported clause already taken whole
        para = paragraph_of(para_starts, reg.start)
        pstart = para_starts[para]
        pend = para_starts[para + 1] - 1 if para + 1 < len(para_starts) else len(text)
        label = relative_label_verb(doc, reg)  # 'which/what she called "X"', or None
        found = attributed(doc, reg, tag, by_content, cand_at, pstart, pend, label)
        opens_paragraph = text[pstart:reg.open_mark].strip() == ""
        if found is None and (credit := dash_credit(doc, reg)) is not None:
            dash, speaker = credit  # '"..." \n\n- Jane Roe.': a credit line names the speaker
            found = Found("direct", reg.pieces, dash, speaker, CONFIDENCE["tag"], "credit")
        if found is None and (aside := as_put_it(doc, reg)) is not None:
            found = aside_find(doc, reg, aside, pstart)  # 'As Roe put it, the plan is "X"'
        if found is None and opens_paragraph and para - 1 in last_in:
            prev = last_in[para - 1]
            if prev.kind == "direct" and finds and finds[-1] is prev and prev.speaker_span:
                finds[-1] = merged = Found(
                    "direct", prev.pieces + reg.pieces, prev.cue, prev.speaker_span,
                    prev.confidence, prev.how,
                )
                last_in[paragraph_of(para_starts, reg.end)] = merged
                continue
            later = last_tag.get(para - 1)
            if prev.kind != "direct" and later is not None and (
                    later.cue_span[0] > prev.pieces[-1][1]):  # '..., calling him "a fraud,"
                found = Found("direct", reg.pieces, None,  # Smith said.' then '"..."': Smith
                              antecedent(later.speaker), CONFIDENCE["continuation"],
                              "continuation")
            elif prev.speaker_span is not None:
                found = Found("direct", reg.pieces, None, antecedent(prev.speaker_span),
                              CONFIDENCE["continuation"], "continuation")
        if found is None and opens_paragraph and para - 1 not in last_in and para - 1 in last_tag:
            found = Found("direct", reg.pieces, None, antecedent(last_tag[para - 1].speaker),
                          CONFIDENCE["continuation"], "continuation")
        if found is None and only_connectives(lead_in(text, reg, pstart)):
            found = sentence_continuation(reg, speech_tags, finds, quoted, pstart)
        if found is None:
            if is_label(text, reg) or word_count(text[reg.start:reg.end]) < lx.MIN_SPEECH_WORDS:
                continue
            if (holder := clause_subject(doc, reg)) is not None:
                verb, subject = holder  # 'Roe ended her post with "..."': her words
                finds.append(Found("direct", reg.pieces, token_cue(verb), subject,
                                   CONFIDENCE["unattributed"], "clause"))
                last_in[paragraph_of(para_starts, reg.end)] = finds[-1]
                continue
            carried = None if para in last_tag else previous_speaker(para, last_in, last_tag)
            if carried is not None and not may_carry(doc, reg, carried, pstart, pend):
                carried = None
            found = Found("direct", reg.pieces, None, carried and antecedent(carried),
                          CONFIDENCE["unattributed"], "carried" if carried else "unattributed")
        if label is not None and label.i in cand_at:
            cand_at[label.i].claimed = True  # its clause is the label's, not a report of its own
        finds.append(found)
        last_in[paragraph_of(para_starts, reg.end)] = found
    return finds


def aside_find(doc: Doc, reg: Region, aside: tuple[Token, Span], pstart: int) -> Found:
    """The quoted words alone, spoken by the subject of an 'as X put it' aside that nothing
    else in the cascade claimed: direct when set off as speech, else partial."""
    verb, speaker = aside
    kind: QuoteKind = "direct" if is_set_off(doc, reg, pstart) else "partial"
    return Found(kind, reg.pieces, token_cue(verb), speaker, CONFIDENCE["tag"], "tag")


def previous_speaker(
    para: int, last_in: dict[int, Found], last_tag: dict[int, Candidate],
) -> Span | None:
    """For quoted words with no tag in a paragraph that names no speaker ('For Israel, that
    meant being "unwelcome guests among other nations"'), the speaker the paragraph before
    ends on: its last speech tag or its last quotation's speaker, whichever comes later. A
    paragraph of narration between them with no quotation and no speech ('X limped off and
    will miss the next match.') is passed over to the one before it."""
    tag, quote = last_tag.get(para - 1), last_in.get(para - 1)
    if tag is None and quote is None:
        tag, quote = last_tag.get(para - 2), last_in.get(para - 2)
    if quote is not None and quote.speaker_span is not None and (
            tag is None or quote.pieces[-1][1] > tag.cue_span[0]):
        return quote.speaker_span
    return tag.speaker if tag is not None else None


def may_carry(doc: Doc, reg: Region, speaker: Span, pstart: int, pend: int) -> bool:
    """Whether quoted words with no tag can take the previous paragraph's speaker: that
    speaker is a person named or a he/she; the words are not a capitalised title ('the
    "Justice For All Act"'); and their paragraph, outside quotation marks, has no person
    of its own as a subject ('Sen. Roe identified ...', 'he characterized ...') and no
    source preposition ('per the bylaws', 'according to')."""
    root = speaker.root
    if root.pos_ != "PROPN" and names.PRONOUNS.get(root.lower_, ("", ""))[1] != "sg":
        return False
    words = [w for w in doc_text(doc)[reg.start:reg.end].split() if w[:1].isalpha()]
    if words and sum(w[0].isupper() for w in words) * 2 > len(words):
        return False
    span = doc.char_span(pstart, pend, alignment_mode="contract")
    for tok in span if span is not None else ():
        if in_quotation(tok):
            continue
        if tok.lower_ in CARRY_BLOCKING_PREPOSITIONS and tok.dep_ == "prep":
            return False
        if tok.dep_ in {"nsubj", "nsubjpass"} and (
                tok.ent_type_ == "PERSON" or tok.lower_ in names.PRONOUNS):
            return False
    return True


# Prepositions that name a source of their own in a paragraph: 'per the bylaws'.
CARRY_BLOCKING_PREPOSITIONS = frozenset({"per", "according"})


def sentence_continuation(
    reg: Region, speech_tags: list[Candidate], finds: list[Found],
    quoted: list[tuple[int, int]], pstart: int,
) -> Found | None:
    """A quotation opening a later sentence of a paragraph with no tag of its own goes on
    from the speaker named last before it there: 'Smith added that X. "Y."'."""
    best: tuple[int, Span, TextSpan | None] | None = None
    for cand in speech_tags:
        at = cand.cue_span[0]
        if any(c.dep_ == "neg" for c in cand.cue.children):
            continue  # 'He did not mention a deadline. "..."': no one speaks by not saying
        if pstart <= at < reg.open_mark and not inside_pieces(quoted, at):
            if cand.speaker is not None and not inside_pieces(quoted, cand.speaker.start_char):
                best = (at, cand.speaker, None)
    if finds and pstart <= finds[-1].pieces[0][0] and finds[-1].speaker_span is not None:
        prev = finds[-1]
        if best is None or prev.pieces[-1][1] > best[0]:
            best = (prev.pieces[-1][1], prev.speaker_span, None)
    if best is None:
        return None
    return Found("direct", reg.pieces, best[2], antecedent(best[1]), CONFIDENCE["continuation"],
                 "sentence")


def antecedent(span: Span) -> Span:
    """A speaker carried on to a later quotation: a relative pronoun ('said Smith, who
    noted ...') gives way to the noun it stands for, named again nowhere else."""
    root = span.root
    if (len(span) == 1 and root.lower_ in lx.RELATIVE_PRONOUNS and root.head.dep_ == "relcl"
            and root.head.head.pos_ in {"NOUN", "PROPN"}):
        return noun_phrase(root.head.head)
    return span


def token_cue(tok: Token) -> TextSpan:
    """A tag's cue word; a colon the tokenizer glued to its neighbours ('Ohio):"I') alone."""
    if tok.text != ":" and ":" in tok.text:
        at = tok.idx + tok.text.index(":")
        return TextSpan(":", at, at + 1)
    return TextSpan(tok.text, tok.idx, tok.idx + len(tok.text))


def closes_introduced(text: str, reg: Region, pstart: int) -> bool:
    """Whether a quotation that words of its sentence introduce ends that sentence with a
    full stop: a cue after it belongs to the next sentence, not to a tag."""
    inner = text[reg.start:reg.end].rstrip(" " + QUOTE_CHARS)
    return inner.endswith(".") and bool(lead_in(text, reg, pstart).strip())


def attributed(
    doc: Doc, reg: Region, tag: Candidate | None, by_content: list[Candidate],
    cand_at: dict[int, Candidate], pstart: int, pend: int, label: Token | None,
) -> Found | None:
    """The cascade of ways a quotation finds its speaker; None when none applies. ``label``:
    the verb of a relative clause whose label the quotation is (``relative_label_verb``)."""
    text = doc_text(doc)
    para = (pstart, pend)
    if tag is not None:
        tag.claimed = True
        return found_from_region(doc, reg, tag, "tag", para)
    if is_label(text, reg) and label is None:
        return None  # 'the so-called "fan zone"': a reported clause around it stays indirect
    if label is not None and (cand := cand_at.get(label.i)) is not None and (
            not cand.claimed and cand.speaker is not None):
        cand.claimed = True  # 'hope to shed what she called "X"': hers, not the hopers'
        return found_from_region(doc, reg, cand, "content", para)
    if is_set_off(doc, reg, pstart) and not lead_in(text, reg, pstart).strip():
        cand = tag_after(doc, reg, cand_at, pend)  # '"...," said X': before any parse reach
        if cand is not None:
            cand.claimed = True
            return found_from_region(doc, reg, cand, "tag", para)
    last_line = text.find("\n", reg.end)
    reach = (pstart, len(text) if last_line < 0 else last_line)
    for cand in by_content:
        if cand.claimed or not cand.speaker or inside_pieces(reg.pieces, cand.cue_span[0]):
            continue  # a cue inside the quotation is speech the speaker reports, not the tag
        if not reach[0] <= cand.cue_span[0] < reach[1]:
            continue  # a parse run on over a paragraph break: that cue reports its own words
        content = (cand.content[0][0], cand.content[-1][1])
        if content[0] > reg.end:
            break
        if quoted_between(doc, reg.end, cand.cue_span[0]):
            continue  # '"top secret" ..., with a caveat: "The person ...," the source said'
        shared = pieces_overlap(reg.pieces, content)
        if shared and (shared >= 0.5 * (content[1] - content[0]) or shared >= 0.5 * (
            reg.end - reg.start
        )):
            cand.claimed = True  # an outer cue yielding to an inner one gives no report of its own
            inner = innermost_cue(cand, reg, by_content)
            if inner is not cand and cand.cue.lower_ == lx.ACCORDING_TO[0]:
                cand.claimed = False  # ... but a relay ('according to Y') stays a report of Y's
            cand = inner
            cand.claimed = True
            return found_from_region(doc, reg, cand, "content", para)
    for finder, how in ((tag_after, "tag"), (tag_before, "tag")):
        if finder is tag_after and closes_introduced(text, reg, pstart):
            continue  # 'X continued: "... ." He added that ...': the next sentence's own cue
        bound = pend if finder is tag_after else pstart
        cand = finder(doc, reg, cand_at, bound)
        if cand is not None:
            cand.claimed = True
            return found_from_region(doc, reg, cand, how, para)
    bare = bare_tag_after(doc, reg, pend) or loose_tag_after(doc, reg, pstart, pend)
    if bare is None and (bare := bare_tag_before(doc, reg, pstart)) is not None:
        verb, speaker = bare  # set off by its tag: 'He continued, "..."'
        cue = token_cue(verb)
        return Found("direct", reg.pieces, cue, speaker, CONFIDENCE["tag"], "tag")
    if bare is not None:
        verb, speaker = bare
        if verb.i in cand_at:  # '"...?" the reporter asked him': its object is no report
            cand_at[verb.i].claimed = True
        cue = token_cue(verb)
        return found_from_region(doc, reg, None, "tag", para, speaker, cue)
    colon = colon_subject(doc, reg, pstart)
    if colon is None and text[pstart:reg.open_mark].strip() == "" and pstart > 0:
        colon = colon_subject(doc, reg, previous_paragraph_start(text, pstart))
    if colon is not None:
        verb, speaker = colon
        cand = cand_at.get(verb.i)
        if cand is not None:
            cand.claimed = True
        cue = TextSpan(verb.text, verb.idx, verb.idx + len(verb.text))
        return found_from_region(doc, reg, None, "colon", para, speaker, cue)
    cand = governing_cue(doc, reg, cand_at)
    if cand is None or not reach[0] <= cand.cue_span[0] < reach[1]:
        return None
    if cand.claimed:  # 'said that "A," and "B"': B goes with A's speaker, when it is speech
        if word_count(text[reg.start:reg.end]) < lx.MIN_SPEECH_WORDS:
            return None
        kind: QuoteKind = "direct" if is_set_off(doc, reg, pstart) else "partial"
        return Found(kind, reg.pieces, cue_text(text, cand), cand.speaker,
                     CONFIDENCE["governing"], "governing")
    cand.claimed = True
    return found_from_region(doc, reg, cand, "governing", para)


def innermost_cue(outer: Candidate, reg: Region, by_content: list[Candidate]) -> Candidate:
    """The speech verb inside the content of a cue of intention or feeling that reports
    the quoted words itself ('refused to reveal whether there were "other offers"':
    'reveal', not 'refused'); the smallest such content wins, ``outer`` when there is
    none or ``outer`` is itself a speech verb. Under 'according to Y' (a relay), the
    speech verb or reporting noun of someone inside it reports the words ('X said "...",
    according to Y', "X's claim that \"...\", according to Y": X's). A verb that describes a
    noun ('a memo that warns of a "crisis"') is the noun's, not the report's."""
    relayed = outer.cue.lower_ == lx.ACCORDING_TO[0]
    if not relayed and (cue_lemma(outer.cue) in lx.SPEECH_VERBS or outer.cue.pos_ != "VERB"):
        return outer
    lo, hi = content_range(outer)
    best, size = outer, hi - lo
    for cand in by_content:
        if cand is outer or cand.claimed or cand.speaker is None or not cand.content:
            continue
        start, end = content_range(cand)
        holds = (lo <= cand.cue_span[0] and (end <= hi or relayed and cand.cue_span[0] < hi)
                 and start <= reg.start <= reg.end <= end + 2)
        reports = (cand.cue_span[1] <= start and cand.cue.pos_ == "VERB"
                   and cue_lemma(cand.cue) in lx.SPEECH_VERBS
                   and cand.cue.dep_ not in NOUN_CLAUSE_DEPS)
        if relayed and not reports:  # 'X's claim that "..." , according to Y': X's claim
            reports = (cand.cue_span[1] <= start and cand.cue.pos_ == "NOUN"
                       and cue_lemma(cand.cue) in lx.REPORTING_NOUNS)
        if holds and reports and min(end, hi) - start < size:
            best, size = cand, min(end, hi) - start
    return best
