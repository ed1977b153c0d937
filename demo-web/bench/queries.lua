-- wrk script: every request searches for the next query of bench/queries.txt (one a line), so that a
-- benchmark of the search page measures many distinct queries, not one cached answer.
-- Usage: wrk -s demo-web/bench/queries.lua URL   (URL without query; QUERIES=FILE overrides the list)
local queries = {}
local file = os.getenv("QUERIES") or "demo-web/bench/queries.txt"
for line in io.lines(file) do
  if #line > 0 and line:sub(1, 1) ~= "#" then
    queries[#queries + 1] = line:gsub("([^%w%-%._~])", function(c) return string.format("%%%02X", string.byte(c)) end)
  end
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", wrk.path .. "?q=" .. queries[(i % #queries) + 1])
end
