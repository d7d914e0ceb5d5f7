"""The layered prompt library: find, render and describe templates."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError, meta

from shared.errors import ConfigError, InputError
from shared.prompts.environment import build_environment

SHARED_PROMPTS_DIR = Path(__file__).parent
TEMPLATE_SUFFIX = ".j2"
EXAMPLE_SUFFIX = ".example.toml"

Origin = Literal["engagement", "pack"]


class TemplateNotFound(InputError):
    """No layer has a template of that name."""


@dataclass(frozen=True)
class TemplateSource:
    """One template file as found: its name, which layer served it, and its hash."""

    name: str
    origin: Origin
    path: Path
    sha256: str


@dataclass(frozen=True)
class RenderedPrompt:
    """Rendered text with the template it came from and every template it included."""

    name: str
    text: str
    template: TemplateSource
    includes: tuple[TemplateSource, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def record(self) -> dict[str, str]:
        """The contract's `prompts[]` entry for result.json and the audit log."""
        return {"name": self.name, "source": self.template.origin, "sha256": self.template.sha256}


@dataclass(frozen=True)
class _Layer:
    origin: Origin
    root: Path


class PromptLibrary:
    """Templates for one workflow (or for shared code when `workflow_dir` is None)."""

    def __init__(self, workflow_dir: Path | None = None, override_dir: Path | None = None) -> None:
        layers = []
        if override_dir is not None:
            layers.append(_Layer("engagement", Path(override_dir)))
        if workflow_dir is not None:
            layers.append(_Layer("pack", Path(workflow_dir)))
        layers.append(_Layer("pack", SHARED_PROMPTS_DIR))
        self._layers = tuple(layers)
        self._env: Any = None

    # -- finding ---------------------------------------------------------------

    def find(self, name: str) -> TemplateSource:
        """The file that serves `name`: the first layer that has it."""
        return self._find_in(name, self._layers)

    def pack_default(self, name: str) -> TemplateSource | None:
        """The file the pack would serve if the engagement had no override."""
        pack_layers = tuple(layer for layer in self._layers if layer.origin == "pack")
        try:
            return self._find_in(name, pack_layers)
        except TemplateNotFound:
            return None

    def names(self) -> list[str]:
        """Every template name visible through the layers, sorted."""
        return sorted({n for layer in self._layers for n in _template_names(layer.root)})

    def overrides(self) -> list[TemplateSource]:
        """The templates the engagement layer serves instead of the pack."""
        return [s for s in map(self.find, self.names()) if s.origin == "engagement"]

    def _find_in(self, name: str, layers: tuple[_Layer, ...]) -> TemplateSource:
        _reject_escaping_name(name)
        for layer in layers:
            path = layer.root / name
            if path.is_file():
                if layer.origin == "engagement":
                    _reject_links(path, project=layer.root.parents[1])
                return TemplateSource(name, layer.origin, path, _sha256_file(path))
        searched = ", ".join(str(layer.root) for layer in layers)
        raise TemplateNotFound(name, f"no such prompt template (searched {searched})")

    # -- rendering -------------------------------------------------------------

    def render(self, name: str, /, **variables: Any) -> RenderedPrompt:
        """Render `name` with `variables`; a variable the template uses but was not
        given is an error naming the template, never a silent blank."""
        source = self.find(name)
        try:
            includes = self._includes(name)  # found (and checked) before anything is rendered
            text = self._environment().get_template(name).render(**variables)
        except UndefinedError as exc:
            raise ConfigError(source.path, f"template variable missing: {exc.message}") from exc
        except TemplateSyntaxError as exc:
            where = exc.filename or source.path
            raise ConfigError(where, f"template syntax error on line {exc.lineno}: {exc.message}") from exc
        except TemplateError as exc:
            raise ConfigError(source.path, f"template error: {exc}") from exc
        return RenderedPrompt(name, text, source, includes)

    def example_variables(self, name: str) -> dict[str, Any]:
        """The documented example variables of a template (its `.example.toml` sidecar
        in the pack; an override takes the same variables as the default it replaces)."""
        default = self.pack_default(name)
        if default is None:
            raise TemplateNotFound(name, "has no pack default, so no documented variables")
        sidecar = default.path.with_name(default.path.name.removesuffix(TEMPLATE_SUFFIX) + EXAMPLE_SUFFIX)
        if not sidecar.is_file():
            raise ConfigError(sidecar, "missing: every shipped template documents example variables")
        return tomllib.loads(sidecar.read_text(encoding="utf-8"))

    def _includes(self, name: str) -> tuple[TemplateSource, ...]:
        seen: dict[str, TemplateSource] = {}
        pending = [name]
        while pending:
            source = self.find(pending.pop())
            ast = self._environment().parse(source.path.read_text(encoding="utf-8"))
            for child in meta.find_referenced_templates(ast):
                if child is not None and child not in seen and child != name:
                    seen[child] = self.find(child)
                    pending.append(child)
        return tuple(seen[k] for k in sorted(seen))

    def _environment(self) -> Any:
        if self._env is None:
            self._env = build_environment([layer.root for layer in self._layers])
        return self._env


def _template_names(root: Path) -> list[str]:
    if not root.is_dir():
        return []
    return [p.relative_to(root).as_posix() for p in root.rglob(f"*{TEMPLATE_SUFFIX}") if p.is_file()]


def _reject_escaping_name(name: str) -> None:
    # Names come from users (`prompts show NAME`); keep them inside the layer roots.
    if name.startswith("/") or ".." in Path(name).parts:
        raise TemplateNotFound(name, "template names are relative paths inside a prompts folder")


def _reject_links(path: Path, project: Path) -> None:
    """An engagement's template must be a file of the project: a link (to /etc/passwd, to a
    key file) would send whatever it points at to the model as instructions."""
    current = path
    while current != project and current != current.parent:
        if current.is_symlink():
            raise ConfigError(path, f"is reached through a symbolic link ({current}): a prompt override must be a "
                                    "file inside the project's prompts folder, not a link")
        current = current.parent
    if not path.resolve().is_relative_to(project.resolve()):
        raise ConfigError(path, "resolves outside the project: a prompt override must be a file inside it")


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
