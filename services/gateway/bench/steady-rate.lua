-- wrk script: a steady request rate instead of wrk's as-fast-as-possible. Request n is due at
-- start + n / rate and goes out on whichever connection is free then, so requests arrive evenly
-- spaced (autocannon's rate limit sends each second's quota in one burst). `max_lag_ms` tells how
-- far behind schedule a send ever fell: near zero means no connection shortage hid any queueing.
-- Usage: wrk -t1 -c<n> -d<s> -s steady-rate.lua <url> -- <rate>; prints one JSON line at the end.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval_ms
local next_due
max_lag_ms = 0 -- global: done() reads it through thread:get

function init(args)
  local rate = tonumber(args[1])
  if not rate or rate <= 0 then
    error("steady-rate.lua needs the request rate per second after --")
  end
  interval_ms = 1000 / rate
end

function delay()
  local now = now_ms()
  if next_due == nil then
    next_due = now
  else
    next_due = next_due + interval_ms
  end
  local wait = next_due - now
  if wait < 0 then
    max_lag_ms = math.max(max_lag_ms, -wait)
    return 0
  end
  return math.floor(wait)
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local lag = 0
  for _, thread in ipairs(threads) do
    lag = math.max(lag, thread:get("max_lag_ms"))
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"non2xx":%d,"errors":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"max_lag_ms":%.1f}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, lag))
end
