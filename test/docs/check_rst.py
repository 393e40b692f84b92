#!/usr/bin/python3
"""Parses the module doc with docutils and fails on every error it reports.

A broken table, an inconsistent heading level or a stray merge marker in
contrib/dnn-offload/doc/dnn-offload.rst is reported as FILE:LINE: message, exit 1.
Sphinx's ``highlight`` directive and ns-3's replace.txt (which defines |ns3|) are not
plain docutils, so they are stood in for.
"""

import sys
from pathlib import Path

import docutils.core
import docutils.nodes
import docutils.utils

STAND_INS = {
    ".. include:: replace.txt": ".. |ns3| replace:: ns-3",
    ".. highlight:: cpp": "",
}


def check(path):
    """The errors docutils finds in one reStructuredText file, as strings."""
    text = path.read_text(encoding="utf-8")
    for line, stand_in in STAND_INS.items():
        text = text.replace(line, stand_in)
    problems = []
    document = docutils.core.publish_doctree(
        text,
        source_path=str(path),
        settings_overrides={"report_level": 5, "halt_level": 5, "warning_stream": False},
    )
    for message in document.findall(docutils.nodes.system_message):
        if message["level"] >= docutils.utils.Reporter.ERROR_LEVEL:
            first = message.astext().splitlines()[0]
            problems.append(first)
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        underline = line == "=======" and number > 1 and len(lines[number - 2].rstrip()) == 7
        if line.startswith(("<<<<<<< ", ">>>>>>> ")) or (line == "=======" and not underline):
            problems.append(f"{path}:{number}: a merge conflict marker: {line}")
    return problems


def main(paths):
    problems = [p for path in paths for p in check(Path(path))]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
