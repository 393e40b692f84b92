#!/usr/bin/env python3
"""Checks that the module's includes follow the pipeline: a file in one stage folder includes
module headers of its own stage or of the stages before it, never of a later one, and
`model/` never includes `helper/`; and that the umbrella header dnn-offload-module.h
includes every public header (all but the "-impl.h" ones, which their own public header
includes).

Usage: check_layout.py [MODULE_DIR]   (default: contrib/dnn-offload next to this repository's
test/). Prints one line per offending include and exits 1 if there is any.
"""
import os
import re
import sys

# The stages in pipeline order (DESIGN.md, doc/dnn-offload.rst "Model Description").
STAGES = [
    "model/common",
    "model/dnn",
    "model/partition",
    "model/platform",
    "model/problem",
    "model/schedule",
    "model/scheduler",
    "model/runtime",
    "model/planning",
    "helper/io",
    "helper/simulation",
    "helper/results",
]

INCLUDE = re.compile(r'^\s*#\s*include\s+"(?:ns3/)?(dnn-[^"/]+\.h)"', re.MULTILINE)


def stage_of(relative):
    """The index in STAGES of the folder holding RELATIVE (a path under the module)."""
    for index, stage in enumerate(STAGES):
        if relative.startswith(stage + "/"):
            return index
    return None


def module_files(module):
    """Yields (path relative to MODULE, absolute path) of the module's model/ and helper/ files."""
    for top in ("model", "helper"):
        for folder, _, names in os.walk(os.path.join(module, top)):
            for name in sorted(names):
                if name.endswith((".h", ".cc")):
                    path = os.path.join(folder, name)
                    yield os.path.relpath(path, module), path


def check(module):
    """Returns the list of offending includes, one message each."""
    files = list(module_files(module))
    header_stage = {}
    problems = []
    for relative, _ in files:
        stage = stage_of(relative)
        if stage is None:
            problems.append("%s: not in a stage folder (%s)" % (relative, ", ".join(STAGES)))
        elif relative.endswith(".h"):
            header_stage[os.path.basename(relative)] = stage
    for relative, path in files:
        stage = stage_of(relative)
        if stage is None:
            continue
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        for included in INCLUDE.findall(text):
            target = header_stage.get(included)
            if target is not None and target > stage:
                problems.append(
                    "%s (%s) includes %s (%s), a later stage"
                    % (relative, STAGES[stage], included, STAGES[target])
                )
    umbrella = os.path.join(module, "dnn-offload-module.h")
    if os.path.exists(umbrella):
        with open(umbrella, encoding="utf-8") as handle:
            included = set(INCLUDE.findall(handle.read()))
        # An "-impl.h" header holds templates of the public header that includes it.
        public = {name for name in header_stage if not name.endswith("-impl.h")}
        for name in sorted(public - included):
            problems.append("dnn-offload-module.h does not include %s" % name)
    return problems


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "contrib", "dnn-offload")
    module = sys.argv[1] if len(sys.argv) > 1 else default
    problems = check(module)
    for problem in problems:
        print(problem)
    print("%d files checked, %d problems" % (len(list(module_files(module))), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
