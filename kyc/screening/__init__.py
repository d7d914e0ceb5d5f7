"""Sanctions screening: list loaders, name normalisation, a blocking index and a
deterministic, self-explaining scorer.

- `lists`: read the OFAC legacy CSV sets (SDN, consolidated non-SDN) and the UN
  consolidated XML into `ScreeningList` records, and the lists in force for a screening;
  `dates` (where a list's date comes from, and its age).
- `store`: the stored versions of each list, the newest in force; `update` downloads the
  official files from their publishers (`sources`), `loading` takes files a user
  downloaded; `demo`: the demo list, for runs on the pack's own sample only.
- `countries`: the one resolver of countries (codes and names, rigour's table), for list
  data and for what customers write.
- `normalise`: the name form every comparison uses.
- `index` and `scoring`: candidate generation and the score with its breakdown;
  `prepared`: the names and index a Screener uses, built once per set of lists.
- `cache`: what is derived from the lists (the index, a stored list's parsed entries in
  `parsed`), kept in the user's cache folder.
- `engine`: `Screener`, `Query` and `Hit`, what the workflow and the CLI use.

Nothing here is imported by `finagents --help`; the CLI imports it inside its commands.
"""
