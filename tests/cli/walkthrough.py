#!/usr/bin/env python3
"""Runs every command of examples/walkthrough/README.md, so that it cannot rot.

    walkthrough.py KGREP_DIR PROJECT_ROOT

Each ```sh block is run with bash from the project root, with KGREP_DIR first
on PATH, and must exit 0. When a ```text block follows it, the block must be
exactly what the commands printed. The ```yaml block must be exactly the pack
file it shows (examples/walkthrough/debate.yaml).
"""
import os
import re
import subprocess
import sys


def main():
    kgrep_dir, root = sys.argv[1], sys.argv[2]
    readme = os.path.join(root, "examples", "walkthrough", "README.md")
    blocks = re.findall(r"```(\w+)\n(.*?)```", open(readme, encoding="utf-8").read(), re.S)
    env = dict(os.environ, PATH=kgrep_dir + os.pathsep + os.environ.get("PATH", ""))
    failures = 0
    ran = 0
    for i, (kind, body) in enumerate(blocks):
        if kind == "yaml":
            pack = open(os.path.join(root, "examples", "walkthrough", "debate.yaml"),
                        encoding="utf-8").read()
            if body.rstrip("\n") != pack.rstrip("\n"):
                print("the yaml block differs from examples/walkthrough/debate.yaml")
                failures += 1
            continue
        if kind != "sh":
            continue
        ran += 1
        run = subprocess.run(["bash", "-c", body], cwd=root, env=env, capture_output=True,
                             text=True)
        if run.returncode != 0:
            print(f"command failed ({run.returncode}):\n{body}{run.stderr}")
            failures += 1
            continue
        if i + 1 < len(blocks) and blocks[i + 1][0] == "text":
            expected = blocks[i + 1][1]
            if run.stdout != expected:
                print(f"output of\n{body}differs:\n--- README\n{expected}--- now\n{run.stdout}")
                failures += 1
    print(f"{ran} command blocks run, {failures} failed")
    return 1 if failures or ran == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
