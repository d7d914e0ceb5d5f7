"""Client projects made with the real `finagents new` (the project tests' fixture)."""

from tests.shared.project.conftest import new_project  # noqa: F401 (a fixture, registered by import)
