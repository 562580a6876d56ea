-- A realistic mix, per session: 1 start, 12 heartbeats, 6 batches of 5 events, 1 end (20 requests). Each
-- thread keeps the sessions its starts created and works through them.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")
local live = {}      -- session ids started by this thread, with their remaining steps
local step = 0
local STEPS = { "hb", "ev", "hb", "hb", "ev", "hb", "hb", "ev", "hb", "hb", "ev", "hb", "hb", "ev", "hb", "hb", "ev", "hb", "end" }

function request()
  step = step + 1
  -- One start in twenty requests, or whenever no session is waiting.
  if #live == 0 or step % 20 == 0 then
    return wrk.format("POST", "/api/v1/sessions/start", nil,
      string.format('{"userId":"m%d","entry":{"page":"https://app.example.com/"}}', math.random(1, 1000000)))
  end
  local i = math.random(1, #live)
  local s = live[i]
  s.k = s.k + 1
  local op = STEPS[s.k]
  if s.k >= #STEPS then
    live[i] = live[#live]; live[#live] = nil
  end
  if op == "hb" then
    return wrk.format("POST", "/api/v1/sessions/" .. s.id .. "/heartbeat")
  elseif op == "ev" then
    return wrk.format("POST", "/api/v1/sessions/" .. s.id .. "/events", nil, batch(5))
  else
    return wrk.format("POST", "/api/v1/sessions/" .. s.id .. "/end", nil, '{"reason":"logout"}')
  end
end

function response(status, headers, body)
  if status == 201 then
    local id = body:match('"id":"([0-9a-f%-]+)"')
    if id then live[#live + 1] = { id = id, k = 0 } end
  end
end
