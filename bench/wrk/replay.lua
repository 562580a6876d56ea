-- The dedup path: the same batch of 20 events (fixed ids per session) sent again and again to REPLAY_SESSIONS
-- hot sessions; after the first round every event is a duplicate.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")
local sessions = tonumber(os.getenv("REPLAY_SESSIONS") or "200")
local bodies = {}
for n = 1, sessions do
  local parts = {}
  for i = 1, 20 do
    parts[i] = string.format('{"id":"00000000-0000-4000-8000-%08d%04d","action":"click","data":{"target":"#buy"}}', n, i)
  end
  bodies[n] = '{"events":[' .. table.concat(parts, ",") .. ']}'
end
function request()
  local n = math.random(1, sessions)
  return wrk.format("POST", "/api/v1/sessions/" .. hot_session(n) .. "/events", nil, bodies[n])
end
