-- GET one reading endpoint (READ_PATH), with {user} replaced by a random user of the loaded data.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")
local path = os.getenv("READ_PATH")
local users = tonumber(os.getenv("USERS") or "200000")
wrk.headers["X-Api-Key"] = os.getenv("READ_KEY")
-- as the dashboard polls: it accepts the read caches' answers (without, each request computes its own)
wrk.headers["Cache-Control"] = "max-stale"
function request()
  return wrk.format("GET", (path:gsub("{user}", "u" .. math.random(0, users - 1))))
end
