"""`agents/<workflow>.md`: a subagent per workflow, carrying the engagement's resolved
prompts. The file is named as the workflow (`month_end_close.md`), as the pack names it
everywhere; the agent's own `name` is hyphenated (`month-end-close`), as Claude Code wants
an agent's name."""

from __future__ import annotations

from shared.export import text
from shared.export.context import ExportContext
from shared.export.files import PluginFile
from shared.export.frontmatter import frontmatter
from shared.export.prompts import resolved_prompts
from shared.export.servers import tool_names
from shared.export.skills import skill_name
from shared.workflows import WorkflowSpec

# Read, for the run folder's memo.md and result.json. No Bash: with a shell the agent could
# run `finagents review --approve`, and sign-off is a person's, never a model's.
BUILT_IN_TOOLS = ("Read",)


def agent_file(workflow: WorkflowSpec, context: ExportContext) -> PluginFile:
    name = skill_name(workflow)
    prompts = resolved_prompts(workflow, context.prompts_dir(workflow.name))
    tools = (*tool_names(context.servers, context.identity.name), *BUILT_IN_TOOLS)
    fields = {
        "name": name,
        "description": text.one_line("agent_description.txt.j2", workflow=workflow, client=context.identity.client),
        "tools": ", ".join(tools),
    }
    body = text.render("agent.md.j2", workflow=workflow, skill=name, context=context, prompts=prompts,
                       tools=tools)
    return PluginFile(f"agents/{workflow.name}.md", text=frontmatter(fields) + "\n" + body)
