"""Month-end close: statements and ledger in; a proven bank reconciliation, flux analysis
and draft entries out.

Not built yet in this version of the pack (the package exists so the distribution and
the CLI know its name); see the project's issues for its specification.
"""
