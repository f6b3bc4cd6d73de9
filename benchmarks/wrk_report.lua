-- wrk script for benchmarks/run.py: asks for gzip like a browser, counts every response that
-- is not 2xx (wrk itself only counts status >= 400) and prints one line run.py parses.

wrk.headers["Accept-Encoding"] = "gzip"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

non2xx = 0

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
  end
  local errors = summary.errors
  io.write(string.format(
    "WRK_REPORT requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d timeout=%d"
      .. " non2xx=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
    errors.write, errors.timeout, non2xx_total, latency:percentile(50), latency:percentile(99)
  ))
end
