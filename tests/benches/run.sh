#!/usr/bin/env bash
# Runs `xephang bench` (release) and the pandas baseline in the same run, and prints the ratio
# of the 63 x 6 re-rank times (pandas / engine): issue 3 requires the engine to be faster.
# pandas is installed into a virtual environment under target/ when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build --release --quiet
engine=$(./target/release/xephang bench)
echo "$engine"

py=python3
if ! "$py" -c 'import pandas' 2>/dev/null; then
  venv=target/bench-venv
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pandas' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet pandas
  fi
  py="$venv/bin/python"
fi
pandas=$("$py" tests/benches/pandas_rank.py)
echo "$pandas"

ENGINE="$engine" PANDAS="$pandas" python3 - <<'PY'
import json, os
engine = {j["case"]: j for j in map(json.loads, os.environ["ENGINE"].splitlines())}
pandas = json.loads(os.environ["PANDAS"])
e, p = engine["rerank_63x6"]["median_ns"], pandas["median_ns"]
print(json.dumps({"case": "ratio_pandas_over_engine_rerank_63x6", "engine_ns": e,
                  "pandas_ns": p, "ratio": round(p / e, 1), "engine_faster": e < p}))
PY
