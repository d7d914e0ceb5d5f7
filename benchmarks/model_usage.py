"""What each workflow sends Claude on its bundled sample, step by step: calls, estimated
tokens, cache reads and writes, estimated cost, and how much of each input document the
requests carried.

    .venv/bin/python benchmarks/model_usage.py [--model claude-sonnet-4-6]

Each workflow runs on its sample with the real SDK against the loopback Messages API
(tests/support/messages_api.py), which records every request, answers each with the
smallest answer its schema accepts (so every model step runs and nothing is scripted per
workflow), and works out the usage itself: tokens at four characters each, and a cache
read where a request's prefix up to a breakpoint was cached before and reaches the
model's minimum. Costs are the pack's own prices for the model. Nothing leaves
127.0.0.1, and the runs use a home folder of their own.

The KYC sample clears every party without a doubt, so it asks the model nothing; a
second KYC run, "kyc (possible hit)", screens a generated company case against an
invented list on which one director's name stands with other dates of birth, so the
adjudication step runs as it would on a client's doubtful hit.

The baseline is the same requests without the cache: every cached token paid at the
input price. The ratio says what caching saves on this sample.

A document's share is the part of its distinct words and figures (of four characters or
more, weighted by length) found inside the requests' `<document>` blocks (the client's
data as sent; the pack's own instructions and reference are not counted), whatever the
layout they were sent in, or 100% where the file itself was sent as a PDF or image block. Hidden files and READMEs
beside a sample are not its documents and are left out.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import io
import json
import os
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WORKFLOWS = ("earnings_review", "kyc", "month_end_close")
KEY = "sk-ant-loopback-benchmark-key"
MIN_WORD = 4
QUOTED = re.compile(r"<document\b[^>]*>(.*?)</document>", re.S)
WORD = re.compile(r"[^\s,;\"|()]+")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="claude-sonnet-4-6")
    args = parser.parse_args()
    from tests.support.messages_api import MessagesAPI, message
    from tests.support.schema_answer import answer_for

    server = MessagesAPI().start()
    server.answer_every_request(lambda body: message(answer_for(body), model=body["model"]))
    try:
        with tempfile.TemporaryDirectory(prefix="model-usage-") as folder:
            isolate(Path(folder), server.url)
            for label, workflow, inputs in inputs_to_run(Path(folder)):
                seen = len(server.requests)
                calls = run(workflow, inputs, Path(folder) / label, args.model)
                report(label, inputs, calls, server.requests[seen:], args.model)
    finally:
        server.stop()
    return 0


def isolate(folder: Path, url: str) -> None:
    home = folder / "home"
    home.mkdir()
    os.environ.update({"HOME": str(home), "ANTHROPIC_API_KEY": KEY, "ANTHROPIC_BASE_URL": url})
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[name] = str(home / name.lower())
    for name in ("FINAGENTS_MODEL", "FINAGENTS_BUDGET_USD", "FINAGENTS_CHECKPOINTER"):
        os.environ.pop(name, None)
    os.chdir(folder)


def inputs_to_run(folder: Path) -> list[tuple[str, str, Path]]:
    """(label, workflow, input folder): each workflow's sample, and a KYC case with a
    possible hit (the invented list is put in force in this run's own home folder)."""
    from shared.workflows import get_workflow
    from tests.kyc.attacks import copy_case
    from tests.kyc.test_adjudication_evidence import put_in_force

    samples = [(name, name, get_workflow(name).sample_dir) for name in WORKFLOWS]
    put_in_force(folder / "invented-list")
    return [*samples, ("kyc (possible hit)", "kyc", copy_case(folder / "hit-case"))]


def run(workflow: str, inputs: Path, out: Path, model: str) -> list[dict[str, Any]]:
    """The run's model calls, as its audit log records them."""
    from shared.cli import main as finagents

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as said:
        status = finagents(["run", workflow, str(inputs), "--out", str(out), "--model", model, "--quiet"])
    if status not in (0, 1):
        raise SystemExit(f"{workflow}: the run ended with exit {status}: {said.getvalue().strip()}")
    entries = (json.loads(line) for line in (out / "audit.jsonl").read_text().splitlines())
    return [entry["data"] for entry in entries if entry["type"] == "model_call"]


# -- the figures -------------------------------------------------------------------------


def report(label: str, inputs: Path, calls: list[dict[str, Any]], requests: list[Any], model: str) -> None:
    from shared.llm.usage import default_prices

    prices = default_prices()[model]
    print(f"\n{label}: {len(calls)} model calls, {len(requests)} requests")
    print(f"  {'step':<22}{'calls':>6}{'requests':>9}{'tokens in':>11}{'cache read':>11}{'cache write':>12}"
          f"{'out':>7}{'cost $':>10}{'no cache $':>11}")
    totals = [Decimal(0), Decimal(0)]
    for step, rows in by_step(calls).items():
        usage = [row["usage"] for row in rows]
        read, write = (sum(u[k] for u in usage) for k in ("cache_read_tokens", "cache_write_tokens"))
        tokens_in = sum(u["input_tokens"] for u in usage) + read + write
        out = sum(u["output_tokens"] for u in usage)
        cost = sum((Decimal(u["cost_usd"]) for u in usage), Decimal(0))
        uncached = (Decimal(tokens_in) * prices.input + Decimal(out) * prices.output) / 10**6
        totals[0] += cost
        totals[1] += uncached
        print(f"  {step:<22}{len(rows):>6}{sum(r['attempts'] for r in rows):>9}{tokens_in:>11,}{read:>11,}"
              f"{write:>12,}{out:>7,}{cost:>10.4f}{uncached:>11.4f}")
    if totals[1]:
        print(f"  cost ${totals[0]:.4f} against ${totals[1]:.4f} without the cache: ratio {totals[0] / totals[1]:.2f}")
    shares(inputs, requests)


def by_step(calls: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    steps: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for call in calls:
        steps[call["prompt"]["template"]["name"].removesuffix(".j2")].append(call)
    return dict(steps)


def shares(inputs: Path, requests: list[Any]) -> None:
    sent_words = words(" ".join(quoted(text_of(r.body)) for r in requests))
    sent_files = {hashlib.sha256(data).hexdigest() for r in requests for data in files_of(r.body)}
    print("  share of each document sent:")
    for path in sorted(inputs.iterdir()):
        if path.is_file() and not path.name.startswith(".") and not path.name.upper().startswith("README"):
            print(f"    {path.name:<40}{share(path, sent_words, sent_files):>7.1%}")


def share(path: Path, sent_words: set[str], sent_files: set[str]) -> float:
    if hashlib.sha256(path.read_bytes()).hexdigest() in sent_files:
        return 1.0
    own = words(document_text(path))
    total = sum(map(len, own))
    return sum(len(word) for word in own if word in sent_words) / total if total else 0.0


def words(text: str) -> set[str]:
    return {w.strip(".:'").lower() for w in WORD.findall(text) if len(w.strip(".:'")) >= MIN_WORD}


def document_text(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        from shared.documents.pdf import open_pdf

        with open_pdf(path, require_text=False) as pdf:
            return "\n".join(pdf.page_texts())
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return ""


def quoted(text: str) -> str:
    return " ".join(QUOTED.findall(text))


def text_of(body: Mapping[str, Any]) -> str:
    """The text of the messages (the system prompt is the pack's, never a client's)."""
    parts = []
    for message in body.get("messages", ()):
        content = message["content"]
        parts += [content] if isinstance(content, str) else [b.get("text", "") for b in content]
    return " ".join(parts)


def files_of(body: Mapping[str, Any]) -> list[bytes]:
    return [base64.standard_b64decode(block["source"]["data"]) for message in body.get("messages", ())
            for block in message["content"] if isinstance(block, dict) and block.get("type") in ("document", "image")]


if __name__ == "__main__":
    raise SystemExit(main())
