-- wrk script of the intake benchmarks (WrkLoad.java): each thread posts its share of the webhook bodies in the file
-- args[1] (one JSON body per line), each exactly once, and at the end one line of counts and percentiles is printed.
-- args[2] is the number of threads, args[3] the webhook secret.

local threads = {}
local created = 0

function setup(thread)
  created = created + 1
  thread:set("id", created)
  table.insert(threads, thread)
end

function init(args)
  local share = tonumber(args[2])
  bodies = {}
  local line = 0
  for body in io.lines(args[1]) do
    if line % share == id - 1 then
      bodies[#bodies + 1] = body
    end
    line = line + 1
  end
  nextBody = 1
  -- requests for which no new body was left: they repeat the last one, a duplicate the benchmark must not count
  exhausted = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Webhook-Secret"] = args[3]
end

function request()
  local body = bodies[nextBody]
  if body == nil then
    exhausted = exhausted + 1
    body = bodies[#bodies]
  else
    nextBody = nextBody + 1
  end
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local exhausted = 0
  for _, thread in ipairs(threads) do
    exhausted = exhausted + thread:get("exhausted")
  end
  local errors = summary.errors
  io.write(string.format("storesync-wrk requests=%d duration_us=%d status_errors=%d other_errors=%d exhausted=%d\n",
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout, exhausted))
  -- the latency distribution at every tenth of a percent, in microseconds
  local points = {}
  for tenth = 0, 1000 do
    points[#points + 1] = string.format("%d", latency:percentile(tenth / 10))
  end
  io.write("storesync-wrk-latency " .. table.concat(points, " ") .. "\n")
end
