"""Dutch word forms for the site search: the Snowball stemmer (the snowballstemmer library)
and the inflected forms that a visitor may type for a word on a page.

The theme's search (lunr in the browser) indexes words as they are written and treats
every typed word as a prefix, without stemming (its default pipeline for every language
is only the stop-word filter). So "signaal" does not find "signalen" and "dochters" does
not find "dochter". This module supplies the missing forms at build time: two words are
forms of one word when their Snowball stems agree (see `key`).

The plural and singular rules below are the project's own: no kept library makes Dutch
inflections, and the stemmer only confirms a candidate (it never invents one).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import snowballstemmer

VOWELS = frozenset("aeiouyè")
# A word: letters (with accents) or digits, and an inner apostrophe (foto's).
WORD = re.compile(r"[a-zà-öø-ÿ0-9]+(?:'[a-z]+)?", re.IGNORECASE)


# Snowball's Dutch stemmer as lunr and NLTK have it ("dutch_porter"; snowballstemmer's
# "dutch" is a newer, different algorithm). One object: the build is single-threaded.
_STEMMER = snowballstemmer.stemmer("dutch_porter")


@cache
def stem(word: str) -> str:
    """The Dutch Snowball stem of `word` (accents are folded by the algorithm itself)."""
    return _STEMMER.stemWord(word.lower())


def fold(word: str) -> str:
    """The word without accents, as many people type it ("prive" for "privé")."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def key(word: str) -> str:
    """What the forms of one word share: the stem, with "'s" plurals ("foto's") and
    diminutive plurals ("meisjes", which Snowball keeps whole) reduced to the singular."""
    word = word.lower()
    if word.endswith("'s"):
        word = word[:-2]
    word = word.replace("'", "")
    if word.endswith("jes") and len(word) > 5:
        word = word[:-1]
    return stem(word)


# The Snowball list of Dutch stop words: no forms are made for these, nor used as forms.
_STOP_WORDS = """
de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar
om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar
haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden
toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier
wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand
geweest andere"""
STOP_WORDS = frozenset(_STOP_WORDS.split())
# Endings of words without a plural of their own: adjectives and adverbs (-ig, -lijk),
# plurals and infinitives (-en), verb forms (-t), genitives and superlatives (-s, -st).
_NO_PLURAL = ("ig", "lijk", "isch", "baar", "loos", "en", "s", "t")
_SCHWA = ("el", "em", "er")  # unstressed endings: plural with -s (dochter -> dochters)


def _long(word: str, s: str) -> str | None:
    """"signalen" -> "signaal": the singular of a plural whose stem's last vowel was
    written single because "en" followed. Not for unstressed endings ("jongeren")."""
    if word != s + "en" or len(s) < 4 or s.endswith((*_SCHWA, "en")):
        return None
    if s[-1] not in VOWELS and s[-2] in "aeou" and s[-3] not in VOWELS:
        end = {"v": "f", "z": "s"}.get(s[-1], s[-1])  # brieven -> brief, huizen -> huis
        return s[:-1] + s[-2] + end
    return None


def _plurals(word: str) -> set[str]:
    """Plural candidates of what may be a singular noun."""
    if word.endswith(_NO_PLURAL) or (word.startswith("ge") and word.endswith("d")):
        return set()
    # -el, -em, -er unstressed (dochter, pooier), not after a long vowel (papier, anoniem)
    long_before = word[-3:-1] in ("aa", "ee", "ie", "oo", "uu", "eu") \
        and not (word[-3:-1] == "ie" and word[-4:-3] in VOWELS)
    schwa = word.endswith(_SCHWA) and not long_before
    if schwa or word.endswith(("je", "ie", "é")) or word[-1] in "aiouy":
        forms = {word + "s"}  # dochter -> dochters, loverboy -> loverboys, meisje
        if word[-1] in "aiou" and not word.endswith("ie"):
            forms |= {word + "'s"}  # foto -> foto's
        return forms
    if word.endswith("e"):
        return {word + "n", word + "s"}  # gemeente -> gemeenten, gemeentes
    if word[-3] not in VOWELS and word[-2] in "aeiou" and word[-1] not in VOWELS \
            and word[-1] not in "wx":
        return {word + word[-1] + "en"}  # chat -> chatten
    if word[-3:-1] in ("aa", "ee", "oo", "uu") and word[-1] not in VOWELS:
        end = {"f": "v", "s": "z"}.get(word[-1], word[-1])
        return {word[:-2] + end + "en"}  # signaal -> signalen, brief -> brieven
    return {word + "en"}  # vriend -> vrienden


def inflections(word: str, proper: bool = False) -> set[str]:
    """Plausible plural and singular forms of `word` that share its key; none for stop
    words, short words and `proper` nouns (names: "Limburg").

    Candidates follow the Dutch spelling rules loosely and are kept only when the stemmer
    agrees, so an odd candidate is possible but never a form of another word."""
    word = word.lower()
    if proper or not WORD.fullmatch(word) or len(word) < 4 or word in STOP_WORDS:
        return set()
    plain = word[:-2] if word.endswith("'s") else word.replace("'", "")
    candidates = {plain} | _plurals(plain)
    long = _long(plain, stem(plain))
    if long:
        candidates.add(long)
    keep = {c for c in candidates if key(c) == key(word)}
    if plain[-1] in VOWELS:
        # Snowball keeps an s after a vowel, so it cannot confirm these regular plurals.
        keep |= {c for c in candidates if c in (plain + "s", plain + "'s")}
    if plain[-1] in "aiou" and not plain.endswith("ie"):
        keep.add(plain + "s")  # foto's -> fotos, as typed without the apostrophe
    return keep - {word} - STOP_WORDS
