// 64 curators and teachers at work: each marks their class of 30 in one request (two students
// late or absent, a different pair each time), waits for the answer, then takes a moment (on
// average `think` ms, uniformly 0..2x) before the next lesson's marks, all at the same time.
// Prints requests, the rate, and the latency median, p99 and maximum as JSON.
// Usage: node bench/attendance_curators.mjs URL MARKERS_FILE SECONDS THINK_MS
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [url, file, seconds, think] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 10), Number(process.argv[5] ?? 500)];
const markers = readFileSync(file, 'utf8').trim().split('\n').map((line) => {
  const [cookie, csrf, group, date, first, size] = line.split(' ');
  return { cookie, csrf, group, date, first: Number(first), size: Number(size) };
});
const agent = new http.Agent({ keepAlive: true, maxSockets: markers.length });
const { hostname, port } = new URL(url);
const latencies = [];
let failures = 0;
const end = Date.now() + seconds * 1000;

function put(m, n) {
  const a = m.first + (n % m.size);
  const b = m.first + ((n * 7 + 3) % m.size);
  const exceptions = [{ person_id: a, status: 'late', late_minutes: 5 }];
  if (b !== a) exceptions.push({ person_id: b, status: 'absent' });
  const body = JSON.stringify({ date: m.date, lesson: (n % 7) + 1, exceptions });
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ agent, hostname, port, method: 'PUT', path: `/api/v1/groups/${m.group}/attendance`,
      headers: { Cookie: `kenes_session=${m.cookie}`, 'X-CSRF-Token': m.csrf, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.statusCode !== 200) failures++;
        resolve();
      });
    });
    req.on('error', () => { failures++; resolve(); });
    req.end(body);
  });
}

async function curator(m, k) {
  let n = k;
  await new Promise((r) => setTimeout(r, Math.random() * think));
  while (Date.now() < end) {
    await put(m, n++);
    await new Promise((r) => setTimeout(r, Math.random() * 2 * think));
  }
}

await Promise.all(markers.map((m, k) => curator(m, k)));
latencies.sort((x, y) => x - y);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(JSON.stringify({ requests: latencies.length, failures, per_second: Math.round(latencies.length / seconds),
  median_ms: +at(0.5).toFixed(2), p99_ms: +at(0.99).toFixed(2), max_ms: +latencies[latencies.length - 1].toFixed(2) }));
agent.destroy();
