"""Sanctions screening: list loaders, name normalisation, a blocking index and a
deterministic, self-explaining scorer.

- `lists`: read the OFAC legacy CSV sets (SDN, consolidated non-SDN) and the UN
  consolidated XML into `ScreeningList` records; the pack's snapshots and the lists a
  user stored with `finagents lists load`.
- `normalise`: the name form every comparison uses.
- `index` and `scoring`: candidate generation and the score with its breakdown.
- `engine`: `Screener`, `Query` and `Hit`, what the workflow and the CLI use.

Nothing here is imported by `finagents --help`; the CLI imports it inside its commands.
"""
