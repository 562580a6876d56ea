-- POST /heartbeat on random open sessions of the hot pool.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")
local pool = tonumber(os.getenv("HOT_SESSIONS") or "20000")
function request()
  return wrk.format("POST", "/api/v1/sessions/" .. hot_session(math.random(1, pool)) .. "/heartbeat")
end
