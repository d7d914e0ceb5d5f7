"""An export from start to end: what the plugin holds, then writing it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from shared import __version__
from shared.engagement import Engagement
from shared.export.agents import agent_file
from shared.export.context import ExportContext
from shared.export.evals import eval_files
from shared.export.files import PluginFile
from shared.export.manifest import PluginIdentity, manifest_file, plugin_name, plugin_version
from shared.export.servers import mcp_config_file, server_names
from shared.export.skills import skill_file
from shared.export.tree import write_plugin
from shared.workflows import all_workflows


@dataclass(frozen=True)
class ExportReport:
    dest: Path
    identity: PluginIdentity
    skills: tuple[str, ...]
    evals: int  # eval cases over all skills
    files: int


def export_plugin(dest: Path, engagement: Engagement, built_at: datetime, token: str) -> ExportReport:
    context = export_context(engagement, built_at, token)
    files = plugin_files(context)
    write_plugin(dest, files, {"exported_by": "finagents export plugin", "plugin": context.identity.name,
                               "version": context.identity.version,
                               "engagement": str(context.engagement) if context.engagement else None})
    skills = tuple(f.path.split("/")[1] for f in files if f.path.endswith("/SKILL.md"))
    return ExportReport(dest.resolve(), context.identity, skills, _eval_count(files), len(files))


def export_context(engagement: Engagement, built_at: datetime, token: str) -> ExportContext:
    client = _client(engagement)
    identity = PluginIdentity(plugin_name(client), plugin_version(__version__, built_at, token), client)
    return ExportContext(identity, __version__, engagement.root, server_names())


def _client(engagement: Engagement) -> str:
    if engagement.root is None:
        return ""
    return engagement.config.engagement.client or engagement.root.name


def plugin_files(context: ExportContext) -> list[PluginFile]:
    files = [manifest_file(context.identity), mcp_config_file(context.servers, context.engagement)]
    for workflow in all_workflows():
        files += [skill_file(workflow, context), agent_file(workflow, context), *eval_files(workflow, context)]
    return files


def _eval_count(files: list[PluginFile]) -> int:
    return sum(len(json.loads(f.text or "{}")["evals"]) for f in files if f.path.endswith("/evals/evals.json"))
