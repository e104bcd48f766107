-- wrk script: each request casts the vote of the next member (one session per member), so every
-- vote is a first vote; a thread stops when its share of the members has voted.
local thread_index = 0
function setup(thread)
  thread:set("tid", thread_index)
  thread_index = thread_index + 1
end

function init(args)
  path = args[1]
  local nthreads = tonumber(args[3])
  voters = {}
  local i = 0
  for line in io.lines(args[2]) do
    if i % nthreads == tid then table.insert(voters, line) end
    i = i + 1
  end
  sent = 0
  answered = 0
end

-- wrk builds one request before the run without sending it, so the members are gone through
-- again until every one of them has a recorded vote (repeats are refused as second votes).
function request()
  sent = sent + 1
  local v = voters[((sent - 1) % #voters) + 1]
  local cookie, csrf = v:match("(%S+) (%S+)")
  return wrk.format("POST", path, { ["Cookie"] = "kenes_session=" .. cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json" },
    '{"choice":"yes"}')
end

-- Only recorded votes count, so the thread stops once each of its members has voted.
function response(status, headers, body)
  if status == 200 and body:find('"recorded":true', 1, true) then answered = answered + 1 end
  if answered >= #voters then wrk.thread:stop() end
end
