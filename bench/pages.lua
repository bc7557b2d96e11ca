-- wrk script for the events page: every request takes a random (token, startTime) pair from
-- the list file given after `--` (one "token startTime" pair a line) and asks for `count`
-- events. `done` prints one WRKJSON line the bench parses.
local entries = {}
local count = "10"

function init(args)
  count = args[2] or "10"
  for line in io.lines(args[1]) do
    local token, start = line:match("^(%S+)%s+(%S+)$")
    if token then entries[#entries + 1] = { token, start } end
  end
  local address = tostring({}):match("0x(%x+)") or "0"
  math.randomseed(os.time() + tonumber(address, 16) % 1000003)
end

function request()
  local e = entries[math.random(#entries)]
  return wrk.format("GET",
    "/rest/complianceEvents?q=memberAndApplication&count=" .. count .. "&startTime=" .. e[2],
    { ["Authorization"] = "Bearer " .. e[1], ["LinkedIn-Version"] = "202310",
      ["X-Restli-Protocol-Version"] = "2.0.0" })
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,' ..
    '"writeErrors":%d,"statusErrors":%d,"timeouts":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,' ..
    '"meanUs":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
    errors.write, errors.status, errors.timeout, latency:percentile(50), latency:percentile(99),
    latency.max, latency.mean))
end
