"""KYC onboarding: an onboarding packet in; inventory, cross-checks, beneficial owners,
screening and a risk rating out. The core finds it through `kyc.spec` (and its rescreen
through `kyc.rescreen.spec`), named by the pack's `finagents.workflows` entry points.
"""
