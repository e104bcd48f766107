// The application window opening: every family submits its application once, at a moment drawn
// uniformly within WINDOW seconds (3,000 families in a minute is 50 a second on average), each on
// its own connection as phones would. Prints the count, errors, the rate and the latency median,
// p99 and maximum as JSON. Usage: node bench/hostel_apply.mjs URL FAMILIES_FILE CAMPAIGN WINDOW_SECONDS
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [url, file, campaign, windowSeconds] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5] ?? 60)];
const families = readFileSync(file, 'utf8').trim().split('\n').map((line) => {
  const [cookie, csrf, student] = line.split(' ');
  return { cookie, csrf, student };
});
const { hostname, port } = new URL(url);
const latencies = [];
const errors = {};
const start = Date.now();

function apply(f, k) {
  const group = 1 + (k % 5);
  const body = JSON.stringify({ campaign_id: campaign, priority_group: group, subgroups: k % 3 ? ['low_income'] : [], wants_paid: k % 4 === 0,
    home_locality: 'Ақмола облысы, Зеренді ауданы', consent_inspection: true, undertaking_to_vacate: group >= 4 });
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ agent: false, hostname, port, method: 'POST', path: `/api/v1/hostel/students/${f.student}/applications`,
      headers: { Cookie: `kenes_session=${f.cookie}`, 'X-CSRF-Token': f.csrf, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => {
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (res.statusCode !== 201) errors[res.statusCode] = (errors[res.statusCode] ?? 0) + 1;
        resolve();
      });
    });
    req.on('error', (e) => { errors[e.code ?? 'network'] = (errors[e.code ?? 'network'] ?? 0) + 1; resolve(); });
    req.end(body);
  });
}

await Promise.all(families.map((f, k) => new Promise((r) => setTimeout(r, Math.random() * windowSeconds * 1000)).then(() => apply(f, k))));
const took = (Date.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1);
console.log(JSON.stringify({ submitted: families.length, errors: Object.values(errors).reduce((a, b) => a + b, 0), by_status: errors,
  seconds: Number(took.toFixed(1)), per_second: Number((families.length / took).toFixed(1)), median_ms: q(0.5), p99_ms: q(0.99), max_ms: latencies.at(-1)?.toFixed(1) }));
