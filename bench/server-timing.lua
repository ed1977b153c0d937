-- Appended to a wrk script (bench/search-rounds.sh, the harness's search round at 2 connections): collects the
-- Server-Timing durations (app;dur=, milliseconds) of demo-web's answers and prints their percentiles.
-- Each thread keeps the Server-Timing durations of its answers; done() gathers them.
durs = {}
local threads = {}
setup = function(thread) table.insert(threads, thread) end
response = function(status, headers, body)
  local t = headers["Server-Timing"]
  local d = t and tonumber(t:match("dur=([%d.]+)"))
  if d then durs[#durs + 1] = d end
end
done = function(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    for _, d in ipairs(t:get("durs")) do all[#all + 1] = d end
  end
  table.sort(all)
  if #all > 0 then
    io.write(string.format("server-timing %d answers p50 %.2fms p99 %.2fms\n", #all,
      all[math.max(1, math.floor(#all * 0.5))], all[math.max(1, math.floor(#all * 0.99))]))
  end
end
