"""Cross-document identity: one canonical entity per real-world actor or place.

Every name the extractor finds is stored under its own row (the registry id, or its type and
name key). This module links rows that denote the same referent, by setting ``canonical_id``:

1. the registry first: a row whose registry id matches is its own canonical entity;
2. then transliteration-aware name similarity, gated by type: a skeleton of each name (first
   letter, then consonants, with Arabic-script transliteration digraphs folded: "Zabihullah" and
   "Zabiullah", "Hizballah" and "Hezbollah" share one) and rapidfuzz ratios over skeletons and
   name keys; given names and family names must each agree, so Jalaluddin and Sirajuddin
   Haqqani stay apart;
3. a surname alone ("Mujahid") joins the one full name that ends with it;
4. a match that is not exact must share context: an entity mentioned alongside both.

Every link is a judgement stored as data (positive or negative, system or user, when), so
``tracewire merge`` and ``tracewire split`` can be undone, and re-running resolution keeps the
user's decisions and never links a pair a user split.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from tracewire.errors import TracewireError
from tracewire.kb import load_registry
from tracewire.model import name_key
from tracewire.store import Store

_DIGRAPHS = (("kh", "k"), ("gh", "g"), ("zh", "z"), ("th", "t"), ("dh", "d"), ("ph", "f"), ("sh", "s"),
             ("ch", "c"), ("q", "k"), ("ck", "k"), ("x", "ks"))
_VOWELS = set("aeiouy")
_PARTICLES = {"al", "el", "ad", "ar", "as", "at", "an", "az", "ul", "ud", "i", "e", "the", "of", "bin", "ibn", "bint"}


def _token_skeleton(token: str) -> str:
    t = token
    for a, b in _DIGRAPHS:
        t = t.replace(a, b)
    if not t:
        return ""
    head = "a" if t[0] in _VOWELS else t[0]
    rest = [c for c in t[1:] if c not in _VOWELS and c != "h"]
    out = head
    for c in rest:
        if c != out[-1]:
            out += c
    return out


def skeleton_tokens(name: str, honorifics: frozenset[str] = frozenset()) -> list[str]:
    words = [w for w in name_key(name).split() if w not in _PARTICLES and w not in honorifics]
    return [s for s in (_token_skeleton(w) for w in words) if s]


def skeleton(name: str, honorifics: frozenset[str] = frozenset()) -> str:
    """A spelling-insensitive key for a name: "Usama bin Laden" and "Osama bin Ladin" share one."""
    return " ".join(skeleton_tokens(name, honorifics))


def _acronym(name: str) -> str:
    """ "IS-K" -> "ISK", "ISKP" -> "ISKP"; "" when the name is not written as an acronym."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    return letters if letters.isupper() and len(letters) <= 8 else ""


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in {"of", "the", "and", "for", "in", "al"}]
    return "".join(w[0].upper() for w in words) if len(words) > 1 else ""


def names_score(keys: list[list[str]], names: list[list[str]]) -> float:
    """How surely two sets of name skeletons name one referent: 1.0 when one skeleton is shared,
    0.9 when two spell one name (same_name), else 0."""
    if any(k == n for k in keys for n in names if n):
        return 1.0
    if any(len(k) > 1 and same_name(k, n) for k in keys for n in names if n):
        return 0.9
    return 0.0


@dataclass(slots=True)
class _Row:
    id: int
    type: str
    name: str
    kb_id: str | None
    canonical_id: int | None
    mentions: int
    tokens: list[str]


def same_name(a: list[str], b: list[str]) -> bool:
    """Skeletons that spell one name: equal, or close with each given and family name agreeing."""
    if a == b:
        return True
    if not a or not b or abs(len(a) - len(b)) > 1:
        return False
    if fuzz.ratio(" ".join(a), " ".join(b)) < 85:
        return False
    return fuzz.ratio(a[0], b[0]) >= 75 and fuzz.ratio(a[-1], b[-1]) >= 75


class CoMentions:
    """The canonical entities named in the same documents as an entity, read from the store when
    first asked for: only names that do not match exactly need them, so a pass over a large store
    reads a few entities' documents instead of every mention."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[int, set[int]] = {}

    def get(self, entity_id: int, default: set[int]) -> set[int]:
        if entity_id not in self.known:
            self.known[entity_id] = self.store.co_mentioned(entity_id)
        return self.known[entity_id] or default


class Resolver:
    def __init__(self, store: Store) -> None:
        self.store = store
        vocab = load_registry().vocab
        self.honorifics = frozenset(str(w).lower() for w in vocab.get("name_honorifics") or [])

    def _rows(self) -> list[_Row]:
        rows = self.store.conn.execute(
            "SELECT e.id, e.type, e.name, e.kb_id, e.canonical_id, (SELECT count(*) FROM mentions m"
            " WHERE m.entity_id = e.id) AS n FROM entities e ORDER BY e.id").fetchall()
        return [_Row(r[0], r[1], r[2], r[3], r[4], r[5], skeleton_tokens(r[2], self.honorifics)) for r in rows]

    def run(self) -> dict[str, int]:
        """Link every stored entity to its canonical entity; returns how many links changed.

        Candidates are blocked by skeleton token (and by the first letters of the first and last
        names, for spellings that share no whole token), so each name is compared with a few
        roots, not all of them; every change is written in one transaction."""
        rows = self._rows()
        negative, decided = self.store.judgements()
        context = CoMentions(self.store)
        by_type: dict[str, list[_Row]] = defaultdict(list)
        for row in rows:
            by_type[row.type].append(row)
        changes: list[tuple[int, int | None]] = []
        for typed in by_type.values():
            # registry rows and the most mentioned names are the natural canonical entities
            typed.sort(key=lambda r: (r.kb_id is None, -r.mentions, r.id))
            blocks: dict[str, list[_Row]] = defaultdict(list)
            for row in typed:
                if row.id in decided:  # a user said where this row belongs: keep it there
                    if row.canonical_id is None:
                        self._index(blocks, row)
                    continue
                root = None if row.kb_id else self._match(row, self._candidates(blocks, row), context, negative)
                target = root.id if root is not None else None
                if target is None:
                    self._index(blocks, row)
                if row.canonical_id != target:
                    changes.append((row.id, target))
        self.store.apply_links(changes, source="system")
        return {"entities": len(rows), "changed": len(changes)}

    @staticmethod
    def _block_keys(row: _Row, *, as_root: bool) -> set[str]:
        tokens = row.tokens
        keys = set(tokens)
        if tokens:
            keys.add(f"{tokens[0][:2]}|{tokens[-1][:2]}")
        # "ISKP" looks for "Islamic State Khorasan Province" under its initials
        letters = _initials(row.name) if as_root else _acronym(row.name)
        if letters:
            keys.add("#" + letters)
        return keys

    def _index(self, blocks: dict[str, list[_Row]], row: _Row) -> None:
        for key in self._block_keys(row, as_root=True):
            blocks[key].append(row)

    def _candidates(self, blocks: dict[str, list[_Row]], row: _Row) -> list[_Row]:
        seen: dict[int, _Row] = {}
        for key in self._block_keys(row, as_root=False):
            for root in blocks.get(key, ()):
                seen.setdefault(root.id, root)
        return sorted(seen.values(), key=lambda r: (r.kb_id is None, -r.mentions, r.id))

    def _match(self, row: _Row, roots: list[_Row], context: CoMentions,
               negative: set[frozenset[int]]) -> _Row | None:
        for root in roots:
            if frozenset((row.id, root.id)) in negative:
                continue
            exact = row.tokens == root.tokens
            one_name = row.type == "PERSON" and len(row.tokens) == 1 and len(root.tokens) > 1
            bare = name_key(row.name).split()[-1] if row.name.strip() else ""
            # "Baghdadi", "Mullah Omar": a surname; "Sheikh Hibatullah": a distinctive given name
            surname = one_name and row.tokens[0] == root.tokens[-1] and len(bare) >= 4
            given = one_name and row.tokens[0] == root.tokens[0] and len(bare) >= 7
            acronym = row.type == "ORG" and _acronym(row.name) == _initials(root.name) and len(_acronym(row.name)) >= 3
            if not (exact or surname or given or acronym or same_name(row.tokens, root.tokens)):
                continue
            if (surname or given) and sum(1 for r in roots if r.type == "PERSON" and len(r.tokens) > 1 and (
                    r.tokens[-1] if surname else r.tokens[0]) == row.tokens[0]) > 1:
                continue  # two people share this name: the bare name names neither
            short = len(" ".join(row.tokens)) < 5
            if (not exact or short) and not (context.get(row.id, set()) & context.get(root.id, set())):
                continue
            return root
        return None


def merge(store: Store, keep: int, other: int) -> None:
    """A user's decision that ``other`` is ``keep``: stored with the link, in one transaction."""
    if store.root_of(keep) == store.root_of(other):
        raise TracewireError(f"entities {keep} and {other} are already one entity")
    store.apply_links([(store.root_of(other), store.root_of(keep))], source="user", judged=(keep, other, "positive"))


def split(store: Store, one: int, other: int) -> None:
    """A user's decision that two entities differ: undoes their link and forbids it from now on."""
    if one == other:
        raise TracewireError("an entity cannot be split from itself; give two different entities")
    unlink: list[tuple[int, int | None]] = []
    for a, b in ((one, other), (other, one)):
        link = store.canonical_of(a)
        if link is not None and link in {b, store.root_of(b)}:
            unlink.append((a, None))
    store.apply_links(unlink, source="user", judged=(one, other, "negative"))
