-- GET one reading endpoint (READ_PATH), with {user} replaced by a random user of the loaded data.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")
local path = os.getenv("READ_PATH")
local users = tonumber(os.getenv("USERS") or "200000")
wrk.headers["X-Api-Key"] = os.getenv("READ_KEY")
function request()
  return wrk.format("GET", (path:gsub("{user}", "u" .. math.random(0, users - 1))))
end
