-- wrk script: each request casts the ballot of the next voter, so every ballot is a first ballot;
-- a thread stops when each of its voters has a receipt. done() prints how many ballots were
-- acknowledged (201 with a receipt), to compare with the database.
-- Arguments: path, voters file, threads, candidate A, candidate B, mode: "session" (lines
-- "<cookie> <csrf>", signed-in voters) or "code" (lines with a one-time voting code).
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
  mode = args[6] or "session"
  local nthreads = tonumber(args[3])
  voters = {}
  local i = 0
  for line in io.lines(args[2]) do
    if i % nthreads == tid then table.insert(voters, line) end
    i = i + 1
  end
  sent = 0
  acknowledged = 0
end

function request()
  sent = sent + 1
  local v = voters[((sent - 1) % #voters) + 1]
  local choice = candidates[(sent % 2) + 1]
  if mode == "code" then
    return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, '{"code":"' .. v .. '","candidate_id":' .. choice .. '}')
  end
  local cookie, csrf = v:match("(%S+) (%S+)")
  return wrk.format("POST", path, { ["Cookie"] = "kenes_session=" .. cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json" },
    '{"candidate_id":' .. choice .. '}')
end

function response(status, headers, body)
  if status == 201 and body:find('"receipt"', 1, true) then acknowledged = acknowledged + 1 end
  if acknowledged >= #voters then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("acknowledged") end
  io.write(string.format("acknowledged %d\n", total))
end
