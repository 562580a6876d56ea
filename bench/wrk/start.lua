-- POST /start for random users, as a browser would.
dofile(os.getenv("BENCH_WRK") .. "/common.lua")
function request()
  local body = string.format('{"userId":"w%d","device":{"screenSize":"1920x1080"},'
    .. '"entry":{"page":"https://app.example.com/pricing?utm_campaign=spring","referrer":"https://news.example.org/"}}',
    math.random(1, 1000000))
  return wrk.format("POST", "/api/v1/sessions/start", nil, body)
end
