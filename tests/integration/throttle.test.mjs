// Sign-in throttling: 5 failures per account in 15 minutes -> 429 with Retry-After.
// Uses freshly created accounts only, so the shared demo accounts are never locked out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, Client, catalog, createUser, expectJson, expectProblem, signIn } from './lib/client.mjs';

test(`[${BACKEND}] the 6th attempt after 5 wrong passwords is 429 with Retry-After and a localised message`, async () => {
  const admin = await signIn('admin');
  const victim = await createUser(admin, { roles: ['student'] });
  const bystander = await createUser(admin, { roles: ['student'] });

  for (let i = 1; i <= 5; i++) {
    const res = await new Client().login(victim.login, `wrong-password-${i}`);
    expectProblem(res, 401, 'bad_credentials', { what: `wrong password #${i}` });
  }

  // Two languages suffice here (kk as the default is covered by the session tests); every
  // attempt counts against the per-address budget (30 failures in 15 minutes) of the whole suite.
  const blocked = {};
  for (const lang of ['ru', 'en']) {
    const c = new Client({ lang });
    const res = await c.login(victim.login, 'wrong-password-again');
    const p = expectProblem(res, 429, 'too_many_attempts', { lang, what: `blocked (${lang})` });
    const retry = res.header('retry-after');
    assert.match(String(retry), /^[1-9][0-9]*$/, `Retry-After must be a positive number of seconds, got ${retry}`);
    assert.ok(Number(retry) <= 15 * 60, `Retry-After ${retry} exceeds the 15-minute window`);
    assert.equal(typeof p.detail, 'string');
    assert.match(p.detail, /[0-9]/, `the detail should say how many minutes to wait: ${p.detail}`);
    assert.ok(!/[{}]/.test(p.detail), `unformatted message: ${p.detail}`);
    blocked[lang] = p;
    assert.equal(c.session, null);
  }
  assert.notEqual(blocked.ru.title, blocked.en.title);
  assert.notEqual(blocked.ru.detail, blocked.en.detail);
  assert.match(blocked.ru.detail, /[а-яё]/i, 'the Russian message is in Russian');
  if (catalog('en')) assert.match(blocked.en.detail, /^Sign-in is temporarily blocked\. Try again in [0-9]+ minutes?\.$/);

  // While blocked, even the right password is refused.
  const right = new Client();
  expectProblem(await right.login(victim.login, victim.password), 429, 'too_many_attempts', { what: 'right password while blocked' });
  assert.equal(right.session, null, 'no session while blocked');

  // Other accounts are not affected.
  const other = new Client();
  expectJson(await other.login(bystander.login, bystander.password), 200, 'another account signs in');
  expectJson(await new Client().login('staff'), 200, 'a demo account signs in');
});
