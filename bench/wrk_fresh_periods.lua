-- wrk script: each request asks for another year (one day earlier than the last one's, over 300
-- days), so that no answer is one the server kept: what computing the figures costs.
-- Reports like wrk_report.lua.
dofile("bench/wrk_report.lua")

local count = 0
local day = 86400
request = function()
  count = count + 1
  local to = os.time() - (count % 300) * day
  local period = "from=" .. os.date("!%Y-%m-%d", to - 364 * day) .. "&to=" .. os.date("!%Y-%m-%d", to)
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. period)
end
