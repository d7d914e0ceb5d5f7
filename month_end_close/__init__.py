"""Month-end close: statements and ledger in; a proven bank reconciliation, flux analysis
and draft entries out. The core finds it through `month_end_close.spec`, named by the
pack's `finagents.workflows` entry point.
"""
