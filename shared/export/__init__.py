"""`finagents export plugin`: an engagement as a Claude Code / Cowork plugin.

The plugin carries one skill per installed workflow (Agent Skills frontmatter), one
subagent per workflow holding the engagement's resolved prompts, an `.mcp.json` that
starts `finagents mcp` under the server names the provider's agents call, and evals
made from the pack's own synthetic cases. Prose lives in `templates/`; the modules
here build records and write files.
"""
