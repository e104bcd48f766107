-- wrk script: each request is one curator or teacher marking their class of 30 for one lesson
-- in one request (PUT /api/v1/groups/{id}/attendance): everyone present but two students, who
-- change from request to request, so every request writes (a re-mark replaces, audited).
local thread_index = 0
function setup(thread)
  thread:set("tid", thread_index)
  thread_index = thread_index + 1
end

function init(args)
  local nthreads = tonumber(args[2])
  markers = {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % nthreads == tid then table.insert(markers, line) end
    i = i + 1
  end
  sent = 0
end

function request()
  sent = sent + 1
  local m = markers[((sent - 1) % #markers) + 1]
  local cookie, csrf, group, date, first, size = m:match("(%S+) (%S+) (%S+) (%S+) (%S+) (%S+)")
  local lesson = (sent % 7) + 1
  local a = tonumber(first) + (sent % tonumber(size))
  local b = tonumber(first) + ((sent * 7 + 3) % tonumber(size))
  local body
  if a == b then
    body = string.format('{"date":"%s","lesson":%d,"exceptions":[{"person_id":%d,"status":"late","late_minutes":5}]}', date, lesson, a)
  else
    body = string.format('{"date":"%s","lesson":%d,"exceptions":[{"person_id":%d,"status":"late","late_minutes":5},{"person_id":%d,"status":"absent"}]}',
      date, lesson, a, b)
  end
  return wrk.format("PUT", "/api/v1/groups/" .. group .. "/attendance",
    { ["Cookie"] = "kenes_session=" .. cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json" }, body)
end
