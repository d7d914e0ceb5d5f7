"""The core all finagents workflows stand on: documents, money, prompts, configuration,
the model layer, the audit log and the run store.

Nothing here reads the environment, builds a client or compiles a graph at import time.
"""

__version__ = "0.1.0"
