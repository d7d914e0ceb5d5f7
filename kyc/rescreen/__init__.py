"""Ongoing monitoring: `finagents rescreen` (the `kyc_rescreen` workflow).

Every party the engagement's approved KYC runs screened is screened again against the
lists now in force, and only what changed since each party's last screening is reported:
new hits, hits whose list entry changed, hits that disappeared (delisting). It stops at
the review gate like any run; new and changed hits need a verdict, unless the
engagement's memory of cleared hits (`kyc.dispositions`) clears them.

- `book`: the parties of the approved runs, each as its last screening left it;
- `screening`: the book against the lists in force;
- `changes`: what changed, party by party;
- `body`: result.json's body and the items the reviewer disposes of.
"""
