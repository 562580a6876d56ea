#!/usr/bin/env bash
# The fault-injection run alone: constant load from retrying clients while the service (the packaged jar, as a
# child process) and PostgreSQL are killed with kill -9 and restarted; then every acknowledged event must be
# stored exactly once. Builds the jar, skips the unit tests, prints the figures (also in
# target/fault-injection/figures.md) and exits non-zero on any loss.
#
#   bench/fault-injection.sh              # 90 s of faults
#   FAULT_DURATION=300 FAULT_CLIENTS=8 bench/fault-injection.sh
set -euo pipefail
cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.."
rm -f target/fault-injection/figures.md
exec ./mvnw -B verify -Dit.test=FaultInjectionIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfault.duration="${FAULT_DURATION:-90}" -Dfault.clients="${FAULT_CLIENTS:-6}" "$@"
