import time
from pathlib import Path

from shared.documents import CsvDocument, open_document, sha256_file
from shared.errors import InputError
from shared.llm import DocumentInput, is_offline
from shared.money import to_decimal
from shared.runs.gate import ReviewItem
from shared.runs.result import InputFile

from .state import Label, Line

LARGE = 1000


def read(state, runtime):
    path = Path(state["input_path"])
    document = open_document(path)
    if not isinstance(document, CsvDocument):
        raise InputError(path, "the toy workflow reads a CSV of id, amount")
    document.require_columns("id", "amount")
    lines = [
        Line(id=row["id"], amount=to_decimal(row["amount"], source=path), citation=document.cite(number, "amount"))
        for number, row in enumerate(document.rows, start=1)
    ]
    return {"lines": lines, "total": sum((line.amount for line in lines), start=to_decimal("0")),
            "inputs": [InputFile(path=str(path), sha256=sha256_file(path))]}


def label(state, runtime):
    context = runtime.context
    labels = {line.id: _label(line, context) for line in state["lines"] if line.amount >= LARGE}
    _hold_while_asked(Path(state["input_path"]).parent, context.run_dir)
    return {"labels": labels}


def _label(line, context):
    if is_offline(context.model):
        return Label(label="large")
    system = context.prompts.render("partials/data_not_instructions.j2")
    prompt = context.prompts.render("label.j2", line_id=line.id, amount=str(line.amount))
    document = DocumentInput(name=line.id, sha256=line.citation.doc_sha256, text=line.citation.text)
    return context.model.ask(system=system, prompt=prompt, output_type=Label, documents=[document]).output


def _hold_while_asked(folder, run_dir):
    if not (folder / "hold").exists():
        return
    (run_dir / "holding").write_text("holding\n")
    deadline = time.monotonic() + 60
    while (folder / "hold").exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def body(state):
    return {
        "total": str(state.get("total", "")),
        "lines": [line.model_dump(mode="json") for line in state.get("lines", [])],
        "labels": {k: v.label for k, v in state.get("labels", {}).items()},
    }


def review_items(state):
    return [ReviewItem(id=f"line-{k}", kind="large_line", summary=v.label, verdicts=("confirmed", "dismissed"))
            for k, v in sorted(state.get("labels", {}).items())]
