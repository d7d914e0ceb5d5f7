"""KYC onboarding: an onboarding packet in; inventory, cross-checks, beneficial owners,
screening and a risk rating out.

Not built yet in this version of the pack (the package exists so the distribution and
the CLI know its name); see the project's issues for its specification.
"""
