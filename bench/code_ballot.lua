-- wrk script: each request casts a ballot with the next one-time voting code (no session), so
-- every ballot is a first ballot; a thread stops when each of its codes has a receipt.
local thread_index = 0
local threads = {}
function setup(thread)
  thread:set("tid", thread_index)
  thread_index = thread_index + 1
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  candidates = { args[4], args[5] }
  local nthreads = tonumber(args[3])
  codes = {}
  local i = 0
  for line in io.lines(args[2]) do
    if i % nthreads == tid then table.insert(codes, line) end
    i = i + 1
  end
  sent = 0
  acknowledged = 0
end

function request()
  sent = sent + 1
  local code = codes[((sent - 1) % #codes) + 1]
  return wrk.format("POST", path, { ["Content-Type"] = "application/json" },
    '{"code":"' .. code .. '","candidate_id":' .. candidates[(sent % 2) + 1] .. '}')
end

function response(status, headers, body)
  if status == 201 and body:find('"receipt"', 1, true) then acknowledged = acknowledged + 1 end
  if acknowledged >= #codes then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("acknowledged") end
  io.write(string.format("acknowledged %d\n", total))
end
