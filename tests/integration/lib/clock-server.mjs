// A server of its own for tests that move time (elections): `kenes serve` on the suite's database
// with KENES_CLOCK_FILE, so the test sets the server clock by writing Unix milliseconds to a file.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { KENES_BIN, KENES_DB, REPO_ROOT, sleep } from './client.mjs';

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Options: toml, the text of a configuration file for this server only (e.g.
// 'trusted_proxies = ["127.0.0.1"]', so that a test can send requests "from" other addresses
// with X-Forwarded-For); env, variables for this server only (KENES_SMTP_URL: it mails notices).
export async function startClockServer({ toml = null, env = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kenes-clock-'));
  const clockFile = join(dir, 'now');
  writeFileSync(clockFile, '');
  const config = [];
  if (toml !== null) {
    writeFileSync(join(dir, 'kenes.toml'), toml);
    config.push('--config', join(dir, 'kenes.toml'));
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const start = () => {
    const child = spawn(KENES_BIN, ['serve', ...config, '--db', KENES_DB, '--port', String(port), '--static-dir', join(REPO_ROOT, 'web', 'dist')], {
      env: { ...process.env, KENES_CLOCK_FILE: clockFile, KENES_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    child.stderr.on('data', (d) => { log += d; });
    child.log = () => log;
    return child;
  };
  const server = {
    base, clockFile, child: start(),
    set(ms) { writeFileSync(clockFile, String(ms)); },
    async ready() {
      for (let i = 0; i < 300; i++) {
        try { if ((await fetch(`${base}/readyz`)).status === 200) return; } catch { /* starting */ }
        if (server.child.exitCode !== null) throw new Error(`server exited: ${server.child.log()}`);
        await sleep(100);
      }
      throw new Error('server did not become ready');
    },
    async restart() { server.child = start(); await server.ready(); },
    kill(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (server.child.exitCode !== null) { resolve(server.child.exitCode); return; }
        server.child.once('exit', (code, sig) => resolve(code ?? sig));
        server.child.kill(signal);
      });
    },
    async stop() { await server.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); },
  };
  await server.ready();
  return server;
}

// A far academic year for an election of its own (one per institution and year): the election
// test takes odd years, the shared setup even ones, so their runs never meet.
export function randomYear(parity) {
  return 2100 + 2 * Math.floor(Math.random() * 2500) + parity;
}

// Unix milliseconds of a local Almaty (UTC+5) wall time.
export function almaty(date, hh = 0, mm = 0, ss = 0) {
  return Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}+05:00`);
}

export function addDays(date, days) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400e3).toISOString().slice(0, 10);
}

// ELEC-DAY-1: the last Friday of September.
export function lastFridayOfSeptember(year) {
  for (let d = 30; ; d--) {
    const day = `${year}-09-${String(d).padStart(2, '0')}`;
    if (new Date(`${day}T00:00:00Z`).getUTCDay() === 5) return day;
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
export function pngChunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
// A small RGB PNG; `text` adds a tEXt chunk (metadata a re-encoded photo must not keep).
export function png(width = 8, height = 8, text = null) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0); ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width * 3 + 1) + 1 + x * 3] = (x * 32) & 0xff;
  const parts = [Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), pngChunk('IHDR', ihdr)];
  if (text) parts.push(pngChunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')));
  parts.push(pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

export function pdf(title = 'Kenes') {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${title}\ntrailer<</Root 1 0 R>>\n%%EOF\n`, 'latin1');
}
