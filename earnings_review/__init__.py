"""Earnings review: a filing in; cited statements, checks, metrics and a memo out."""
