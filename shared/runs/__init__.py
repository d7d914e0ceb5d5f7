"""Runs: run folders, their lookup, and the review gate's answer."""
