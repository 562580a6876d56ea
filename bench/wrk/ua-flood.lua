-- starts, each with a new crafted 512-character User-Agent, from one client (X-Forwarded-For)
local n = 0
math.randomseed(os.time())
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Forwarded-For"] = "198.51.100.1"
function delay() return 10 end
request = function()
  n = n + 1
  local ua = "Mozilla/5.0 (" .. string.rep("; ", 240) .. math.random(1, 1e9) .. " " .. n .. ")"
  ua = string.sub(ua, 1, 512)
  local headers = { ["Content-Type"] = "application/json", ["X-Forwarded-For"] = "198.51.100.1", ["User-Agent"] = ua }
  return wrk.format(nil, "/api/v1/sessions/start", headers, '{"userId":"flood-' .. (n % 50) .. '"}')
end
