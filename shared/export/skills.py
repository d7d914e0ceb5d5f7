"""`skills/<name>/SKILL.md`: one skill per installed workflow."""

from __future__ import annotations

from shared.export import text
from shared.export.context import ExportContext
from shared.export.files import PluginFile
from shared.export.frontmatter import Value, frontmatter, require_valid_skill
from shared.export.prompts import ResolvedPrompt, resolved_prompts
from shared.export.servers import MAIN_SERVER
from shared.workflows import WorkflowSpec

LICENSE = "Apache-2.0"


def skill_name(workflow: WorkflowSpec) -> str:
    """`month_end_close` -> `month-end-close`: the specification allows no underscore."""
    return workflow.name.replace("_", "-")


def skill_file(workflow: WorkflowSpec, context: ExportContext) -> PluginFile:
    name = skill_name(workflow)
    prompts = resolved_prompts(workflow, context.prompts_dir(workflow.name))
    fields = skill_fields(workflow, context, prompts)
    require_valid_skill(name, fields)
    body = text.render("skill.md.j2", workflow=workflow, skill=name, context=context, main_server=MAIN_SERVER,
                       tools=context.servers.get(MAIN_SERVER, ()), overrides=[p for p in prompts
                                                                              if p.origin == "engagement"])
    return PluginFile(f"skills/{name}/SKILL.md", text=frontmatter(fields) + "\n" + body)


def skill_fields(workflow: WorkflowSpec, context: ExportContext,
                 prompts: tuple[ResolvedPrompt, ...]) -> dict[str, Value]:
    return {
        "name": skill_name(workflow),
        "description": text.one_line("skill_description.txt.j2", workflow=workflow,
                                     client=context.identity.client),
        "license": LICENSE,
        "compatibility": text.one_line("compatibility.txt.j2"),
        "metadata": skill_metadata(workflow, context, prompts),
    }


def skill_metadata(workflow: WorkflowSpec, context: ExportContext,
                   prompts: tuple[ResolvedPrompt, ...]) -> dict[str, str]:
    """Strings only (the specification's rule): which pack and plugin build, and the sha256
    of each prompt template in force, so a result's `prompts[]` can be matched to it."""
    metadata = {"pack-version": context.pack_version, "plugin-version": context.identity.version,
                "workflow": workflow.name, "engagement": context.identity.client or "none"}
    metadata.update({f"prompt-sha256:{p.name}": p.sha256 for p in prompts})
    metadata.update({f"prompt-source:{p.name}": p.origin for p in prompts})
    return metadata
