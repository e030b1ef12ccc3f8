"""Search that understands Dutch: add word forms and synonyms to the theme's search index.

The theme's search (lunr in the browser) indexes each word as written and turns every
typed word into a prefix query, without stemming: a page is found only by the start of a
word it contains ("signaal" does not find "signalen", "aangifte" nothing at all). After
the build, entries of `search/search_index.json` get two fields the theme indexes (with
the weight of the title and of the text) but never shows:

- `title_forms`: other forms of the title's words (`dutch.key`: the same Snowball stem,
  from the whole site's vocabulary and from Dutch plural rules; and without accents);
- `title_synonyms`: the words (and forms) of every synonym group (data/zoekwoorden.yml)
  the title mentions, at a tenth of the title's weight, once per group;
- `text_forms`: the forms of the text's words; and the synonyms that a page's text
  mentions anywhere, on the page's own entry (its first), which the theme ranks above
  its sections.

Forms that are already the start of a word of the entry are left out (the theme's prefix
query finds them). Everything here is pure:
the plugin reads and writes the index file (pages/i18n.localise_index_file).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..data.dutch import STOP_WORDS, WORD, fold, inflections, key
from ..data.synonyms import Group

FIELDS = {"title": "title_forms", "text": "text_forms"}
# A synonym in a title weighs less than the title's own words: a page that says "aangifte"
# ranks above one that says "melden" when someone searches for "aangifte".
TITLE_SYNONYMS = "title_synonyms"
SYNONYM_WEIGHT = 0.1
DEFAULT_SEPARATOR = r"[\s\-]+"
# The theme's own tokenizer (lunr in the browser) drops tags like this and does not decode
# entities (its separator splits at &lt; and &gt;), so the forms added here must match
# exactly that reading, not a reader's (portal/data/markup.plain_text).
_TAG = re.compile(r"<[^>]*>")
# E-mail and web addresses are not words (their parts are indexed as written).
_ADDRESS = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+")
# A word this long also counts where it starts a compound ("politie" in "politieagent").
COMPOUND_MIN = 5
# Shorter words get no other forms: a prefix query finds their longer forms anyway.
MIN_LENGTH = 4


def separator(index: dict) -> re.Pattern:
    """The index's word separator (a JavaScript pattern; the simple ones are valid Python)."""
    try:
        return re.compile(index.get("config", {}).get("separator") or DEFAULT_SEPARATOR)
    except re.error:
        return re.compile(DEFAULT_SEPARATOR)


def tokens(html: str, sep: re.Pattern) -> list[str]:
    """The tokens the theme indexes for a field: text outside tags, split, lowercased."""
    return [t for t in sep.split(_TAG.sub(" ", html).lower()) if t]


def _text(html: str) -> str:
    return _ADDRESS.sub(" ", _TAG.sub(" ", html))


def words(html: str) -> list[str]:
    """The words of a field, in order, lowercased, without punctuation."""
    return WORD.findall(_text(html).lower())


@dataclass(frozen=True)
class Vocabulary:
    """The words of the site and of the synonym groups by key, and the site's names
    (words never written in lower case, such as "Limburg"), which get no plural."""

    by_key: dict[str, frozenset[str]]
    names: frozenset[str]
    # The forms of each word asked for, kept: an index asks for the same words thousands
    # of times (once per entry, field and synonym group).
    _forms: dict[str, frozenset[str]] = dataclasses.field(
        default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, docs: Iterable[dict], groups: list[Group]) -> Vocabulary:
        written: set[str] = set()
        for doc in docs:
            for field in FIELDS:
                written.update(WORD.findall(_text(doc.get(field, "")).replace("'S", "'s")))
        lower = {w for w in written if w.islower()}
        names = {w.lower() for w in written if not w.islower()} - lower
        by_key: dict[str, set[str]] = defaultdict(set)
        for word in {w.lower() for w in written} | {w for g in groups for w in g.words()}:
            if len(word) >= MIN_LENGTH and word not in STOP_WORDS:
                by_key[key(word)].add(word)
        return cls({k: frozenset(v) for k, v in by_key.items()}, frozenset(names))

    def forms(self, word: str) -> frozenset[str]:
        """The word, the site's other forms of it, and its plausible inflections."""
        if (known := self._forms.get(word)) is None:
            known = self._forms[word] = frozenset(self._find_forms(word))
        return known

    def _find_forms(self, word: str) -> set[str]:
        if word in STOP_WORDS:
            return set()  # the theme leaves them out of its index
        if len(word) < MIN_LENGTH:
            return {word}
        found = {word} | self.by_key.get(key(word), frozenset()) \
            | inflections(word, proper=word in self.names)
        return found | {fold(w) for w in found}


def _occurs(term: tuple[str, ...], seq: list[str], keys: list[str], compounds: bool,
            *, keyset: frozenset[str] | set[str] | None = None,
            ordered: list[str] | None = None) -> bool:
    """Whether the word sequence contains the term (a word or a phrase). `keyset` and
    `ordered` (the sorted words) may be given to look up in a set and by bisection rather
    than scanning: `mentioned` asks this for every term of every group of every entry."""
    keyset = set(keys) if keyset is None else keyset
    if len(term) == 1:
        word = term[0]
        if key(word) in keyset:
            return True
        if not compounds or len(word) < COMPOUND_MIN:
            return False
        ordered = sorted(set(seq)) if ordered is None else ordered
        i = bisect_left(ordered, word)  # the first word >= word: the one it may start
        return i < len(ordered) and ordered[i].startswith(word)
    want = [key(w) for w in term]
    if not all(k in keyset for k in want):
        return False
    n = len(want)
    return any(keys[i:i + n] == want for i in range(len(keys) - n + 1))


def mentioned(groups: list[Group], seq: list[str], compounds: bool = True) -> list[Group]:
    """The groups of which the word sequence contains a word or phrase; with `compounds`,
    also as the start of a longer word ("loverboysignalen")."""
    keys = [key(w) for w in seq]
    keyset, ordered = set(keys), sorted(set(seq))
    return [g for g in groups
            if any(_occurs(term, seq, keys, compounds, keyset=keyset, ordered=ordered)
                   for term in g.terms)]


def forms(seq: Iterable[str], vocab: Vocabulary) -> set[str]:
    """The words with all their forms."""
    found: set[str] = set()
    for word in set(seq):
        found |= vocab.forms(word)
    return found


def synonyms(groups: list[Group], seq: list[str], vocab: Vocabulary) -> set[str]:
    """The words (with their forms) of every group that the words mention."""
    return forms((w for g in mentioned(groups, seq) for w in g.words()), vocab)


def uncovered(candidates: set[str], present: Iterable[str]) -> list[str]:
    """The candidates a prefix query would not already find: not the start of a present
    token, nor of another candidate (which is added and finds it)."""
    have = set(present)
    pool = sorted(have | candidates)
    keep = []
    for form in sorted(candidates):
        if form in have:
            continue
        i = bisect_right(pool, form)
        if i < len(pool) and pool[i].startswith(form):
            continue
        keep.append(form)
    return keep


def expand_index(index: dict, groups: list[Group]) -> dict:
    """A copy of the theme's search index with the form fields added (see module doc)."""
    sep = separator(index)
    docs = [dict(doc) for doc in index.get("docs", [])]
    vocab = Vocabulary.of(docs, groups)
    page_synonyms: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        page_synonyms[doc.get("location", "").split("#")[0]] |= \
            synonyms(groups, words(doc.get("text", "")), vocab)
    done: set[str] = set()
    for doc in docs:
        for name in (*FIELDS.values(), TITLE_SYNONYMS):
            doc.pop(name, None)  # from an earlier run: computed again from title and text
        title_words, text_words = words(doc.get("title", "")), words(doc.get("text", ""))
        present = tokens(doc.get("title", ""), sep)
        title_forms = uncovered(forms(title_words, vocab), present)
        present += title_forms
        # One entry per group: a word that two groups of the title lead to weighs more.
        title_synonyms = [form for group in mentioned(groups, title_words, compounds=False)
                          for form in uncovered(forms(group.words(), vocab), present)]
        page = doc.get("location", "").split("#")[0]
        extra = forms(text_words, vocab)
        if page not in done:  # the page's own entry comes first
            extra |= page_synonyms[page]
            done.add(page)
        # What the title finds needs no second place in the text forms.
        present += tokens(doc.get("text", ""), sep) + title_synonyms
        text_forms = uncovered(extra, present)
        for name, added in (("title_forms", title_forms), (TITLE_SYNONYMS, title_synonyms),
                            ("text_forms", text_forms)):
            if added:
                doc[name] = " ".join(added)
    config = dict(index.get("config", {}))
    fields = dict(config.get("fields", {}))
    for field, extra_field in FIELDS.items():
        fields[extra_field] = dict(fields.get(field) or {"boost": 1.0})
    title_boost = float(fields["title_forms"].get("boost", 1.0))
    fields[TITLE_SYNONYMS] = {"boost": title_boost * SYNONYM_WEIGHT}
    config["fields"] = fields
    return {**index, "config": config, "docs": docs}

