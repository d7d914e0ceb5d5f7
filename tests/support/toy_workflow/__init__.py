"""A small workflow with the real shape, for testing the run store, the gate and resume.

Input: a CSV of `id, amount`. It totals the amounts (Decimal, each line cited), labels
every line of 1,000 or more (by rule offline, by the model otherwise), and sends each
labelled line to the reviewer as an item needing a disposition. If a file named `hold`
sits beside the input, the labelling node waits after its model calls until the file is
gone, so a test can kill the process at a known point.
"""
