"""How well the sanctions screening engine finds who it must, and only them.

- `variants`: the labelled set generated from the SDN list (true variants of listed
  names and decoys), fixed before the matcher was tuned; its parts: `transforms` (one
  listed name -> a variant), `legal_forms`, `decoys` (and the guard that keeps them
  honest), `pools` (fixed word lists). `fixed_set` makes it from the corpus's SDN
  snapshot, checks it is the fixed set and keeps it in the user's cache.
- `labelled`: scoring a labelled query set; `metrics`: precision, recall, F1.
- `senzing`: the Senzing truth set's customers screened against its watchlist.
- `cross_script`: watchman's cross-script name pairs.
- `original_script`: the UN list's original-script names against the list, each with its
  own alias left out.
- `report`: the table. `kyc.evaluate` runs all of it for `finagents eval kyc`.
"""
