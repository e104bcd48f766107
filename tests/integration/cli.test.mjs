// The kenes command line against the database the server under test uses: roster import (same
// engine as the web import), user management, backups, and clear errors on bad arguments.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BACKEND, KENES_BIN, KENES_DB, signIn, expectJson, cyrTag, cap, uniq, studentNumber } from './lib/client.mjs';

const skip = KENES_BIN && KENES_DB ? false : 'needs KENES_BIN and KENES_DB';
const kenes = (...args) => spawnSync(KENES_BIN, args, { encoding: 'utf8', timeout: 60000 });

test(`[${BACKEND}] cli: --help everywhere, and bad arguments fail with a message and a non-zero exit`, { skip }, async () => {
  for (const args of [['--help'], ['serve', '--help'], ['import', '--help'], ['user', 'create', '--help'], ['audit', 'verify', '--help']]) {
    const r = kenes(...args);
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, /Usage|Options/i);
  }
  const bad = kenes('serve', '--port', 'eighty');
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr + bad.stdout, /port/);
  const unknown = kenes('frobnicate');
  assert.notEqual(unknown.status, 0);
  // The institution is named: other tests may have made more than the demo one.
  const inst = expectJson(await (await signIn('admin')).get('/api/v1/me'), 200, 'me').user.institution.id;
  const weak = kenes('user', 'create', '--db', KENES_DB, '--institution', String(inst), '--login', `cli-${uniq()}`, '--password', 'short', '--name', 'X');
  assert.notEqual(weak.status, 0);
  assert.match(weak.stderr + weak.stdout, /10 characters/);
});

test(`[${BACKEND}] cli: import a roster (dry run, then for real), the same engine as the web import`, { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kenes-cli-'));
  try {
    const admin = await signIn('admin');
    const inst = expectJson(await admin.get('/api/v1/me'), 200, 'me').user.institution.id;
    const tag = cap(cyrTag());
    const number = studentNumber();
    const file = join(dir, 'roster.csv');
    writeFileSync(file, `\ufeffСтуденттік нөмір;Тегі;Аты;Топ\n${number};${tag};Әлия;CLI-${tag}\n`);
    const dry = execFileSync(KENES_BIN, ['import', file, '--db', KENES_DB, '--institution', String(inst), '--dry-run'], { encoding: 'utf8' });
    assert.match(dry, /utf-8, 1 rows/);
    let found = expectJson(await admin.get(`/api/v1/people?q=${encodeURIComponent(tag)}`), 200, 'search');
    assert.equal(found.total, 0, 'a dry run writes nothing');
    const real = execFileSync(KENES_BIN, ['import', file, '--db', KENES_DB, '--institution', String(inst)], { encoding: 'utf8' });
    assert.match(real, /"created":1/);
    found = expectJson(await admin.get(`/api/v1/people?q=${encodeURIComponent(tag)}`), 200, 'search');
    assert.equal(found.items[0].student.student_number, number);
    // A broken row names its line and column and writes nothing.
    writeFileSync(file, `Студенттік нөмір;Тегі;Аты;Туған күні\n${studentNumber()};${tag}x;Арман;31.02.2007\n`);
    const broken = kenes('import', file, '--db', KENES_DB, '--institution', String(inst), '--lang', 'ru');
    assert.notEqual(broken.status, 0);
    assert.match(broken.stderr, /line 2, column "Туған күні"/);
    assert.equal(expectJson(await admin.get(`/api/v1/people?q=${encodeURIComponent(tag + 'x')}`), 200, 'search').total, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(`[${BACKEND}] cli: user create, grant and reset-password take effect for sign-in`, { skip }, async () => {
  const admin = await signIn('admin');
  const inst = expectJson(await admin.get('/api/v1/me'), 200, 'me').user.institution.id;
  const login = `cli-${uniq()}`;
  execFileSync(KENES_BIN, ['user', 'create', '--db', KENES_DB, '--institution', String(inst), '--login', login, '--password', 'first-password-1', '--name', 'CLI', '--role', 'staff']);
  const dup = kenes('user', 'create', '--db', KENES_DB, '--institution', String(inst), '--login', login, '--password', 'first-password-1', '--name', 'CLI');
  assert.notEqual(dup.status, 0);
  assert.match(dup.stderr + dup.stdout, /taken/);
  execFileSync(KENES_BIN, ['user', 'grant', '--db', KENES_DB, '--login', login, '--role', 'curator']);
  const first = await signIn(login, { password: 'first-password-1' });
  const me = expectJson(await first.get('/api/v1/me'), 200, 'me');
  assert.deepEqual([...me.user.roles].sort(), ['curator', 'staff']);
  execFileSync(KENES_BIN, ['user', 'reset-password', '--db', KENES_DB, '--login', login, '--password', 'second-password-2']);
  assert.equal((await first.get('/api/v1/me')).status, 401, 'old sessions end');
  await signIn(login, { password: 'second-password-2' });
});

test(`[${BACKEND}] cli: backup`, { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kenes-backup-'));
  try {
    const target = join(dir, 'copy.db');
    const out = execFileSync(KENES_BIN, ['backup', '--db', KENES_DB, '--to', target], { encoding: 'utf8' });
    if (KENES_DB.startsWith('sqlite:')) {
      assert.match(out, /backup written/);
      // The copy holds personal data: owner only.
      assert.equal(statSync(target).mode & 0o777, 0o600);
      // The copy is a complete database: its audit chain verifies with the key file, which is
      // backed up apart from it; without the key file nothing is verified, and no key is made up.
      const keyFile = join(dirname(KENES_DB.slice('sqlite:'.length)), 'keys', 'kenes.keys');
      const verify = execFileSync(KENES_BIN, ['audit', 'verify', '--db', `sqlite:${target}`, '--key-file', keyFile], { encoding: 'utf8' });
      assert.match(verify, /chain intact/);
      const without = kenes('audit', 'verify', '--db', `sqlite:${target}`);
      assert.equal(without.status, 1);
      assert.match(without.stderr, /key file .* is missing, but the database holds audit entries and signing keys made with it/);
      assert.ok(!existsSync(join(dir, 'keys', 'kenes.keys')));
    } else {
      assert.match(out, /pg_dump --format=custom/);
      assert.ok(!out.includes(KENES_DB), 'the database URL (which may hold a password) is not printed');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
