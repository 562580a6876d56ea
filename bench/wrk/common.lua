-- Shared by every scenario: per-thread random seeds, id helpers, and one machine-readable result line.
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

function init(args)
  tid = tonumber(tid) or 1
  math.randomseed(os.time() * 1000 + tid * 7919)
  if init_scenario then init_scenario(args) end
end

-- A random (version 4) UUID.
function uuid()
  return string.format("%08x-%04x-4%03x-%04x-%04x%08x",
    math.random(0, 0xffffffff), math.random(0, 0xffff), math.random(0, 0xfff),
    0x8000 + math.random(0, 0x3fff), math.random(0, 0xffff), math.random(0, 0xffffffff))
end

-- The pool sessions bench/load.sql creates: open, active ("hot") or waiting to be ended ("end").
function hot_session(n) return string.format("00000000-0000-7000-8000-%012d", n) end
function end_session(n) return string.format("00000000-0000-7000-9000-%012d", n) end

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = BROWSER

function batch(n)
  local parts = {}
  for i = 1, n do
    parts[i] = '{"id":"' .. uuid() .. '","action":"click","data":{"target":"#buy"}}'
  end
  return '{"events":[' .. table.concat(parts, ",") .. ']}'
end

-- Optional pacing: WRK_RATE (requests/s for the whole run) and WRK_CONNECTIONS turn the closed loop into a
-- steady rate, each connection waiting connections/rate seconds between requests.
local pace_ms = nil
do
  local rate = tonumber(os.getenv("WRK_RATE") or "")
  local conns = tonumber(os.getenv("WRK_CONNECTIONS") or "")
  if rate and conns and rate > 0 then pace_ms = conns * 1000 / rate end
end
if pace_ms then
  function delay() return pace_ms end
end

function done(summary, latency, requests)
  local s = summary.duration / 1e6
  local e = summary.errors
  local non2xx = e.status
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, s, summary.requests / s, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, non2xx, e.connect + e.read + e.write + e.timeout))
end
