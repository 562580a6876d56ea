-- POST /events: batches of BATCH (default 20) new events with fresh client ids into random hot sessions.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")
local pool = tonumber(os.getenv("HOT_SESSIONS") or "20000")
local size = tonumber(os.getenv("BATCH") or "20")
function request()
  return wrk.format("POST", "/api/v1/sessions/" .. hot_session(math.random(1, pool)) .. "/events", nil, batch(size))
end
