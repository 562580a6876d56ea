-- POST /end: each request ends the next session of the end pool (threads take disjoint slices).
dofile(os.getenv("BENCH_WRK") .. "/common.lua")
local slice = tonumber(os.getenv("END_SLICE") or "10000")
local base = tonumber(os.getenv("END_BASE") or "0")
local next_n
function init_scenario() next_n = base + (tid - 1) * slice end
function request()
  next_n = next_n + 1
  return wrk.format("POST", "/api/v1/sessions/" .. end_session(next_n) .. "/end", nil, '{"reason":"logout"}')
end
