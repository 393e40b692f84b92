#!/usr/bin/env python3
"""Tests of check_layout.py: the real module passes, and a made-up module with each kind of
fault fails with a message naming it."""
import os
import tempfile
import unittest

import check_layout

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.join(HERE, "..", "..", "contrib", "dnn-offload")


def write(root, relative, text):
    path = os.path.join(root, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


class CheckLayoutTest(unittest.TestCase):
    def test_module_follows_the_pipeline(self):
        self.assertEqual(check_layout.check(MODULE), [])

    def test_a_later_stage_and_a_stray_file_are_reported(self):
        with tempfile.TemporaryDirectory() as root:
            write(root, "model/dnn/dnn-layer.h", '#include "ns3/dnn-platform.h"\n')
            write(root, "model/platform/dnn-platform.h", '#include "ns3/dnn-layer.h"\n')
            write(root, "model/platform/dnn-platform.cc", '#include "dnn-platform.h"\n')
            write(root, "model/scheduler/dnn-scheduler.cc", '#include "ns3/dnn-json-reader.h"\n')
            write(root, "helper/io/dnn-json-reader.h", "\n")
            write(root, "helper/misc/dnn-stray.h", "\n")
            write(root, "dnn-offload-module.h",
                  '#include "ns3/dnn-layer.h"\n#include "ns3/dnn-platform.h"\n'
                  '#include "ns3/dnn-json-reader.h"\n')
            problems = check_layout.check(root)
        self.assertIn("model/dnn/dnn-layer.h (model/dnn) includes dnn-platform.h "
                      "(model/platform), a later stage", problems)
        self.assertIn("model/scheduler/dnn-scheduler.cc (model/scheduler) includes "
                      "dnn-json-reader.h (helper/io), a later stage", problems)
        self.assertTrue(any(p.startswith("helper/misc/dnn-stray.h: not in a stage folder")
                            for p in problems), problems)
        # Includes of an earlier stage and of the own folder are fine.
        self.assertFalse(any(p.startswith("model/platform/") for p in problems), problems)
        self.assertEqual(len(problems), 3, problems)

    def test_umbrella_header_must_include_every_header(self):
        with tempfile.TemporaryDirectory() as root:
            write(root, "model/dnn/dnn-layer.h", "\n")
            write(root, "model/dnn/dnn-model.h", '#include "dnn-layer.h"\n')
            write(root, "dnn-offload-module.h", '#include "ns3/dnn-layer.h"\n')
            problems = check_layout.check(root)
        self.assertEqual(problems, ["dnn-offload-module.h does not include dnn-model.h"])


if __name__ == "__main__":
    unittest.main()
