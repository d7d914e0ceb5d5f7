"""Earnings review: a filing in; cited statements, checks, metrics and a memo out.

Not built yet in this version of the pack (the package exists so the distribution and
the CLI know its name); see the project's issues for its specification.
"""
