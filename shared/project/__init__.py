"""Client projects: `finagents new` makes one, `update` brings a newer pack into it by a
three-way merge, `check` validates it. See the README's section on client projects."""
