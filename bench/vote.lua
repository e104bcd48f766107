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

function request()
  sent = sent + 1
  local v = voters[math.min(sent, #voters)]
  local cookie, csrf = v:match("(%S+) (%S+)")
  return wrk.format("POST", path, { ["Cookie"] = "kenes_session=" .. cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json" },
    '{"choice":"yes"}')
end

-- Only recorded votes count: once the share is done, the few requests still in flight repeat the
-- last member's vote and are refused as a second vote, which changes nothing.
function response(status, headers, body)
  if status == 200 and body:find('"recorded":true', 1, true) then answered = answered + 1 end
  if answered >= #voters then wrk.thread:stop() end
end
