// A database of its own for tests that damage it on purpose (audit tampering, key files): on
// SQLite a file in a temporary directory, on PostgreSQL a new database in the suite's cluster. Its
// data directory (key file, audit anchors) is the temporary directory. Edits go straight to the
// database with sqlite3 or psql, the way someone holding the database would make them.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KENES_BIN, KENES_DB, REPO_ROOT, sleep, uniq } from './client.mjs';

export const scratchSkip = KENES_BIN && KENES_DB ? false : 'needs KENES_BIN and KENES_DB';

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

const psql = (url, sql) => execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], { encoding: 'utf8' }).trim();

// Creates the database and the demo institution (3 students). Returns helpers:
//   db, dir, keyFile, anchorFile, env (for the kenes CLI and servers)
//   kenes(...args): spawnSync of the CLI on this database ({status, stdout, stderr})
//   sql(statements): runs SQL; rows(select): the rows as objects; hex(col)/blob(hex): dialect bits
//   serve(extraEnv, {staticDir}): a server on this database ({base, stop(), exited(), log()})
//   drop(): removes everything
export function scratchDatabase({ students = 3, extraEnv = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kenes-scratch-'));
  const sqlite = KENES_DB.startsWith('sqlite:');
  let db, sql, rows, dropDatabase;
  if (sqlite) {
    const file = join(dir, 'kenes.db');
    db = `sqlite:${file}`;
    // The server may be writing (its anchor job): wait for the lock like it does.
    sql = (statements) => execFileSync('sqlite3', ['-cmd', '.timeout 10000', file, statements], { encoding: 'utf8' });
    rows = (select) => JSON.parse(execFileSync('sqlite3', ['-cmd', '.timeout 10000', '-json', file, select], { encoding: 'utf8' }) || '[]');
    dropDatabase = () => {};
  } else {
    const name = `kenes_scratch_${uniq().replace(/[^a-z0-9]/g, '')}`;
    psql(KENES_DB, `CREATE DATABASE ${name}`);
    const url = new URL(KENES_DB);
    url.pathname = `/${name}`;
    db = url.toString();
    sql = (statements) => psql(db, statements);
    rows = (select) => JSON.parse(psql(db, `SELECT coalesce(json_agg(t), '[]') FROM (${select}) t`));
    dropDatabase = () => psql(KENES_DB, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const env = { ...process.env, KENES_DATA_DIR: dir, KENES_LOG_LEVEL: 'warn', KENES_KEY_FILE: '', KENES_AUDIT_ANCHOR_FILE: '', ...extraEnv };
  const kenes = (...args) => spawnSync(KENES_BIN, [...args, '--db', db], { env, encoding: 'utf8', timeout: 120000 });
  const servers = [];
  const scratch = {
    db, dir, env, kenes, sql, rows, sqlite,
    keyFile: join(dir, 'keys', 'kenes.keys'),
    anchorFile: join(dir, 'audit-anchors.log'),
    hex: (col) => (sqlite ? `lower(hex(${col}))` : `encode(${col}, 'hex')`),
    blob: (hex) => (sqlite ? `X'${hex}'` : `decode('${hex}', 'hex')`),
    institution: null,
    async serve(moreEnv = {}, { staticDir = join(REPO_ROOT, 'web', 'dist') } = {}) {
      const port = await freePort();
      const child = spawn(KENES_BIN, ['serve', '--db', db, '--port', String(port), '--static-dir', staticDir], {
        env: { ...env, ...moreEnv }, stdio: ['ignore', 'ignore', 'pipe'],
      });
      let log = '';
      child.stderr.on('data', (d) => { log += d; });
      const server = {
        base: `http://127.0.0.1:${port}`, port, child,
        log: () => log,
        stop: () => new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) { resolve(child.exitCode); return; }
          child.once('exit', (code) => resolve(code));
          child.kill('SIGTERM');
        }),
      };
      servers.push(server);
      for (let i = 0; i < 300; i++) {
        if (child.exitCode !== null) throw new Error(`kenes serve exited with ${child.exitCode}: ${log}`);
        try { if ((await fetch(`${server.base}/readyz`)).status === 200) return server; } catch { /* starting */ }
        await sleep(100);
      }
      throw new Error(`kenes serve did not become ready: ${log}`);
    },
    async drop() {
      for (const s of servers) await s.stop();
      dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const demo = kenes('demo', '--students', String(students));
  if (demo.status !== 0) throw new Error(`kenes demo failed: ${demo.stderr}`);
  scratch.institution = rows('SELECT id FROM institutions')[0].id;
  return scratch;
}
