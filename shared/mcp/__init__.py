"""`finagents mcp`: the pack's deterministic engines as tools an MCP client (a Claude
agent) can call over stdio (CONTRACT.md, "Tools for Claude agents").

The tools come from the workflows' specs (`WorkflowSpec.tools`); the run tools and
`verify_citation` are the core's own. No tool approves, rejects or resumes a run: sign-off
stays with `finagents review` (DESIGN.md, principle 9). The server is built when the
command runs, never at import.
"""
