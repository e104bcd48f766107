// Opens N server-sent event streams of one session (the projector view) and counts, per viewer
// and per second, the messages received, until SIGTERM; then prints the figures as JSON.
import http from 'node:http';

const [base, meetingId, cookie, count] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
const perViewer = [];
let connected = 0;
const started = Date.now();
for (let v = 0; v < Number(count); v++) {
  const seconds = new Map();
  perViewer.push(seconds);
  const req = http.get(`${base}/api/v1/meetings/${meetingId}/events?view=summary`, { agent, headers: { Cookie: `kenes_session=${cookie}` } }, (res) => {
    if (res.statusCode === 200) connected++;
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        if (buffer.startsWith('event: update')) {
          const s = Math.floor((Date.now() - started) / 1000);
          seconds.set(s, (seconds.get(s) ?? 0) + 1);
        }
        buffer = buffer.slice(end + 2);
      }
    });
  });
  req.on('error', () => {});
}
process.on('SIGTERM', () => {
  let total = 0, maxPerSecond = 0;
  for (const s of perViewer) for (const n of s.values()) { total += n; maxPerSecond = Math.max(maxPerSecond, n); }
  console.log(JSON.stringify({ viewers: Number(count), connected, messages: total, max_messages_per_viewer_per_second: maxPerSecond }));
  process.exit(0);
});
setInterval(() => {}, 1000);
