"""Sanctions screening: list loaders, name normalisation, a blocking index and a
deterministic, self-explaining scorer.

- `lists`: read the OFAC legacy CSV sets (SDN, consolidated non-SDN) and the UN
  consolidated XML into `ScreeningList` records, and the lists in force for a screening;
  `dates` (where a list's date comes from, and its age).
- `store`: the stored versions of each list, the newest in force; `update` downloads the
  official files from their publishers (`sources`), `loading` takes files a user
  downloaded; `demo`: the demo list, for runs on the pack's own sample only.
- `normalise`: the name form every comparison uses.
- `index` and `scoring`: candidate generation and the score with its breakdown.
- `engine`: `Screener`, `Query` and `Hit`, what the workflow and the CLI use.

Nothing here is imported by `finagents --help`; the CLI imports it inside its commands.
"""
