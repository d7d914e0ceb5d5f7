"""Speed and recall of sanctions screening: the indexed `Screener` against a brute-force
baseline that scores every list name for every query, both measured here in one run.

    .venv/bin/python benchmarks/screening_speed.py [--names 10000] [--sample 500]

Queries are generated deterministically (seed 2021) from the corpus's OFAC SDN snapshot
of 2021-07-07 (read in place: FINAGENTS_CORPUS, by default ../shared/data; without it
the benchmark stops with the line naming the variable), aliases included: half are
variants of listed names (words reordered, a middle name dropped, a typo, a
transliteration, case and accents changed), half are made-up names that are not on the
list. The baseline uses the same scorer and threshold with the index
bypassed; it is timed on a random (seeded) sample of the queries and reported per name.
Recall is the share of variant queries whose source entry is among the hits.
Targets: >= 2,000 names/s, >= 10x the baseline, no recall lost against the baseline.

Then the cache (`kyc.screening.cache`): a KYC screening step (the lists in force read from
the store, the Screener made, a few parties screened, as `kyc.screening_step` does) run
twice in fresh processes against the corpus's OFAC SDN, OFAC consolidated and UN lists
stored in a temporary folder, first with an empty cache folder (cold: lists parsed, index
built, both written) and then with the cache the first run left (warm). Target: the warm
step >= 5x faster than the cold one, with the same hits. `--cache-only` runs only this part.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SEED = 2021
# The lists of the cache measurement: (corpus path, declared date; None: the file's own)
STEP_LISTS = (("kyc/ofac_sdn_2021-07/sdn.csv", "2021-07-07"),
              ("kyc/ofac_consolidated_nonsdn/cons_prim.csv", "2025-12-19"),
              ("kyc/other_lists/un_sc_consolidated_list_2026-02-27.xml", None))
STEP_PARTIES = 12  # a KYC case's parties: the customer, officers, owners
CACHE_TARGET = 5.0
FIRST = ["James", "Maria", "Liam", "Sofia", "Lukas", "Emma", "Noah", "Olivia", "Mateo", "Chloe", "Hugo", "Ines",
         "Jonas", "Freya", "Pablo", "Lucia", "Tomas", "Greta", "Felix", "Nora", "Oskar", "Elena", "Arthur", "Clara",
         "Henrik", "Mila", "Rafael", "Alba", "Leon", "Ida"]
LAST = ["Thompson", "Keller", "Rossi", "Novak", "Lindqvist", "Moreau", "Fischer", "Jensen", "Costa", "Varga", "Brennan",
        "Dubois", "Nakamura", "Oliveira", "Kowalski", "Horvat", "Laine", "Schultz", "Ferreira", "Marsh", "Whitfield",
        "Carver", "Ashdown", "Pemberton", "Holloway", "Quennell", "Rutherford", "Strand", "Vasquez", "Ostrowski"]
SYLLABLES = ["ka", "lo", "mi", "ren", "tus", "dor", "bel", "fin", "gar", "hol", "ves", "quin", "tor", "las", "mun",
             "pel", "sor", "vik", "zan"]
ACCENTS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
SWAPS = {"MUHAMMAD": "Mohamed", "MOHAMMED": "Muhammad", "MOHAMMAD": "Mohamed", "AHMED": "Ahmad",
         "HUSSEIN": "Husayn", "HASSAN": "Hasan", "YUSUF": "Youssef", "OMAR": "Umar", "ABDUL": "Abdel",
         "ABU": "Abou", "KHALED": "Khalid", "MUSTAFA": "Mostafa", "MAHMOUD": "Mahmud", "OSAMA": "Usama"}


def variant(name: str, individual: bool, rng: random.Random) -> str:
    words = name.replace(",", " ").split()
    kind = rng.choice(("reorder", "drop", "typo", "translit", "case"))
    if kind == "reorder" and len(words) > 1:
        rng.shuffle(words)
    elif kind == "drop" and individual and len(given := name.partition(",")[2].split()) >= 2:
        # a middle name left out: "SURNAME, Given Middle" -> "SURNAME Given"
        del given[rng.randrange(1, len(given))]
        words = name.partition(",")[0].split() + given
    elif kind == "typo":
        long = [i for i, w in enumerate(words) if len(w) >= 5]
        if long:
            i = rng.choice(long)
            word, at = words[i], rng.randrange(1, len(words[i]) - 1)
            swapped, dropped = word[:at] + word[at + 1] + word[at] + word[at + 2:], word[:at] + word[at + 1:]
            words[i] = swapped if rng.random() < 0.5 else dropped
    elif kind == "translit":
        words = [SWAPS.get(w.upper(), w) for w in words]
    else:
        words = [w.capitalize().translate(ACCENTS) if rng.random() < 0.3 else w.lower() for w in words]
    return " ".join(words)


def made_up(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    word = lambda: "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()  # noqa: E731
    return f"{word()} {word()}" + (" Ltd" if rng.random() < 0.3 else "")


def queries(sdn, count: int):
    """(Query, source entry id or None), half variants, half made up, interleaved."""
    from kyc.screening.engine import Query

    rng = random.Random(SEED)
    entries = [e for e in sdn.entries if e.type in ("individual", "entity")]
    out = []
    for number in range(count):
        if number % 2 == 0:
            entry = rng.choice(entries)
            listed = rng.choice([n for n in entry.names if n.kind != "original script"])
            out.append((Query(variant(listed.name, entry.type == "individual", rng), id=f"q{number}"), entry.entry_id))
        else:
            out.append((Query(made_up(rng), id=f"q{number}"), None))
    return out


def run(screener, batch) -> tuple[float, list[bool]]:
    started = time.perf_counter()
    results = screener.screen_many(query for query, _ in batch)
    elapsed = time.perf_counter() - started
    found = [source in {hit.entry_id for hit in hits} for (_, source), hits in zip(batch, results) if source]
    return elapsed, found


def main() -> int:
    from kyc.evaluation.fixed_set import sdn_list
    from shared.errors import InputError

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=500)
    parser.add_argument("--cache-only", action="store_true", help="measure only the cache, cold against warm")
    parser.add_argument("--step", metavar="LISTS_ROOT", help=argparse.SUPPRESS)  # the child process of the cache part
    args = parser.parse_args()
    if args.step:
        return screening_step(Path(args.step))
    try:
        sdn = sdn_list()
    except InputError as exc:
        print(f"screening_speed: {exc}", file=sys.stderr)
        return 2
    met = True if args.cache_only else throughput(sdn, args)
    return 0 if cache_cold_and_warm(sdn) and met else 1


def throughput(sdn, args) -> bool:
    from kyc.screening.engine import Screener

    class BruteForce(Screener):
        def candidates(self, form):
            return self._all

    built = time.perf_counter()
    indexed = Screener([sdn], cache=False)  # the build itself, whatever the user's cache holds
    built = time.perf_counter() - built
    brute = BruteForce([sdn], cache=False)
    brute._all = list(range(len(brute._names)))
    batch = queries(sdn, args.names)
    sample = [batch[i] for i in sorted(random.Random(SEED).sample(range(len(batch)), min(args.sample, len(batch))))]

    ours_s, ours_found = run(indexed, batch)
    sample_s, sample_found = run(indexed, sample)
    brute_s, brute_found = run(brute, sample)
    ours_rate, brute_rate = len(batch) / ours_s, len(sample) / brute_s
    lost = sum(1 for b, o in zip(brute_found, sample_found) if b and not o)

    names = len(brute._names)
    print(f"OFAC SDN snapshot {sdn.date} (corpus): {len(sdn.entries)} entries, {names} names; "
          f"index built in {built:.2f} s")
    print(f"{'method':12} {'queries':>8} {'seconds':>8} {'names/s':>9} {'recall (variants)':>18}")
    print(f"{'indexed':12} {len(batch):8d} {ours_s:8.2f} {ours_rate:9.0f} {_share(ours_found):>18}")
    print(f"{'indexed':12} {len(sample):8d} {sample_s:8.2f} {len(sample) / sample_s:9.0f} {_share(sample_found):>18}"
          "   (the same sample as the baseline)")
    print(f"{'brute force':12} {len(sample):8d} {brute_s:8.2f} {brute_rate:9.0f} {_share(brute_found):>18}")
    print(f"ratio indexed / brute force: {ours_rate / brute_rate:.1f}x; "
          f"variants found by brute force but not the index: {lost}")
    targets = [("speed >= 2,000 names/s", ours_rate >= 2000), ("ratio >= 10x", ours_rate / brute_rate >= 10),
               ("no recall lost vs brute force", lost == 0)]
    for label, met in targets:
        print(f"  {'met    ' if met else 'NOT MET'}  {label}")
    return all(met for _, met in targets)


def cache_cold_and_warm(sdn) -> bool:
    """The screening step in a fresh process, with an empty cache and then with the cache
    the first left; both against the corpus lists stored in a temporary folder."""
    parties = [[query.id, query.name] for query, _ in queries(sdn, STEP_PARTIES)]
    with tempfile.TemporaryDirectory(prefix="screening-cache-") as folder:
        root, env = _stored_lists(Path(folder)), dict(os.environ, XDG_CACHE_HOME=str(Path(folder) / "cache"))
        cold, warm = (_child_step(root, env, parties) for _ in range(2))
    print(f"\nKYC screening step, fresh process each, {len(cold['lists'])} lists "
          f"({', '.join(cold['lists'])}), {cold['parties']} parties:")
    print(f"{'cache':6} {'read lists':>11} {'index':>8} {'screen':>8} {'step':>8}")
    for label, run in (("cold", cold), ("warm", warm)):
        print(f"{label:6} {run['read']:11.3f} {run['index']:8.3f} {run['screen']:8.3f} {run['step']:8.3f}")
    ratio, same = cold["step"] / warm["step"], cold["hits"] == warm["hits"]
    print(f"ratio cold / warm: {ratio:.1f}x (index alone {cold['index'] / warm['index']:.1f}x); "
          f"same hits: {'yes' if same else 'NO'} ({len(cold['hits'])})")
    met = ratio >= CACHE_TARGET and same
    print(f"  {'met    ' if met else 'NOT MET'}  warm step >= {CACHE_TARGET:g}x faster than cold, same hits")
    return met


def _stored_lists(folder: Path) -> Path:
    """The corpus lists stored as versions under `folder/lists`, as `lists load` stores them."""
    from kyc.screening.lists import load_list
    from kyc.screening.store import store_version
    from shared.corpus import corpus_file

    for path, date in STEP_LISTS:
        store_version(load_list(corpus_file(path), date=date), folder, source="corpus (benchmark)")
    return folder


def _child_step(root: Path, env: dict[str, str], parties: list[list[str]]) -> dict:
    done = subprocess.run([sys.executable, __file__, "--step", str(root)], env=env, check=True,
                          input=json.dumps(parties), capture_output=True, text=True)
    return json.loads(done.stdout)


def screening_step(root: Path) -> int:
    """One KYC screening step, timed in parts; prints them as JSON (the child process,
    given the parties' ids and names on stdin, so it reads nothing else before the step)."""
    from kyc.screening.engine import Query, Screener
    from kyc.screening.lists import lists_in_force

    parties = [Query(name, id=party_id) for party_id, name in json.load(sys.stdin)]
    started = time.perf_counter()
    lists = lists_in_force(root)
    read = time.perf_counter()
    screener = Screener(lists)
    indexed = time.perf_counter()
    found = screener.screen_many(parties)
    ended = time.perf_counter()
    hits = sorted(hit.id for party_hits in found for hit in party_hits)
    print(json.dumps({"lists": [item.name for item in lists], "parties": len(parties), "hits": hits,
                      "read": read - started, "index": indexed - read, "screen": ended - indexed,
                      "step": ended - started}))
    return 0


def _share(found: list[bool]) -> str:
    return f"{sum(found)}/{len(found)} = {100 * sum(found) / max(1, len(found)):.1f}%"


if __name__ == "__main__":
    sys.exit(main())
