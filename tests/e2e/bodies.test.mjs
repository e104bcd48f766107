// A whole Disciplinary Committee session in the browser: the admin creates the committee from its
// template and adds seven voting members and a non-voting secretary (ORG-4 refusal first); the
// secretary convenes (MTG-1 refusal first), marks attendance without a quorum and sees the MTG-3
// refusal with its arithmetic, reaches the quorum, adds an item with an interested member, opens
// the vote; each member votes on a phone in their own browser (the interested one is recused,
// MTG-6); the secretary sees the count grow without reloading, closes, sees "adopted" with the
// counts; the member who voted against records a dissenting opinion (ORG-10). The secretary
// closes the session, every member present signs the protocol in their own browser, it becomes
// final; its PDF holds the decision and the counts, and its code opens the public check (MTG-7).
// Persons and their accounts are made through the API for speed; everything else is the UI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { apiFromPage, ARTIFACTS, capitalize, launchBrowser, msg, openPage, randomCyrillic, signIn, switchLanguage, uniqueSuffix } from './lib/harness.mjs';
import { expectSoundPublicPage } from './lib/nu-html.mjs';

const PHONE = { width: 360, height: 780 };
const PASSWORD = 'e2e-password-2026';
const tag = uniqueSuffix();
const committeeName = `Тәртіп комиссиясы ${capitalize(randomCyrillic(5))}`;
const today = new Date(Date.now() + 5 * 3600_000).toISOString().slice(0, 10); // Almaty, UTC+5

let browser;
let admin;
let secretaryPage;
const people = []; // 0 chair, 1..6 members, 7 secretary: { person, login }
let committeeId;
let meetingPath;

before(async () => {
  browser = await launchBrowser();
  admin = await openPage(browser);
  await signIn(admin.page, 'admin');
  for (let i = 0; i < 8; i++) {
    const surname = `${capitalize(randomCyrillic(7))}${'абвгдежз'[i]}`;
    const created = await apiFromPage(admin.page, 'POST', '/api/v1/people', { surname, name: i === 7 ? 'Хатшы' : 'Мүше' });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const login = `dc_${tag}_${i}`;
    const user = await apiFromPage(admin.page, 'POST', '/api/v1/users', { login, password: PASSWORD, display_name: `${surname} ${i}`, roles: ['student'], person_id: created.json.id });
    assert.equal(user.status, 201, JSON.stringify(user.json));
    people.push({ person: created.json, login });
  }
});

after(async () => {
  await secretaryPage?.context.close();
  await admin?.context.close();
  await browser?.close();
});

const pathOf = (response) => new URL(response.url()).pathname;
const waitApi = (page, method, pattern) => page.waitForResponse((r) => r.request().method() === method && pattern.test(pathOf(r)));

/** A member's own browser on a phone, signed in, on the session page. */
async function memberOnPhone(index) {
  const opened = await openPage(browser, PHONE);
  await signIn(opened.page, people[index].login, { password: PASSWORD });
  // The live stream of the session, as soon as its headers arrive.
  opened.stream = opened.page.waitForResponse((r) => pathOf(r) === `/api/v1${meetingPath}/events`);
  opened.stream.catch(() => {});
  await opened.page.goto(meetingPath);
  await opened.page.locator('[data-testid=quorum]').waitFor();
  return opened;
}

async function pickPerson(page, name, person) {
  const input = page.locator('input[name=person_id]');
  await input.fill(person.surname);
  await page.locator(`[role=option][data-person-id="${person.id}"]`).click();
  assert.equal(await input.getAttribute('data-picked'), String(person.id), `${name} picked`);
}

test('the admin creates a Disciplinary Committee from its template and adds 7 voting members and a secretary', async () => {
  const { page } = admin;
  await page.goto('/');
  await page.locator('nav#main-nav a[data-nav="/bodies"]').click();
  await page.waitForURL((url) => url.pathname === '/bodies');
  await page.locator('h1', { hasText: msg('kk', 'ui.bodies.title') }).waitFor();

  const form = page.locator('[data-testid=create-body]');
  await form.locator('select[name=template]').selectOption('disciplinary_committee');
  await form.locator('input[name=name]').fill(committeeName);
  const [created] = await Promise.all([waitApi(page, 'POST', /^\/api\/v1\/bodies$/), form.locator('button[type=submit]').click()]);
  assert.equal(created.status(), 201, await created.text());
  committeeId = (await created.json()).id;
  assert.deepEqual(JSON.parse(created.request().postData()), { template: 'disciplinary_committee', name: committeeName });
  await page.waitForURL((url) => url.pathname === `/bodies/${committeeId}`);
  await page.locator('.alert-success', { hasText: msg('kk', 'ui.bodies.created', { name: committeeName }) }).waitFor();

  // The rules in force come from the template, with their RULEBOOK ids (MTG-3, ORG-8).
  const quorum = page.locator('[data-rule-row=quorum] dd');
  assert.equal(
    (await quorum.innerText()).replace(/\s+/g, ' ').trim(),
    `${msg('kk', 'ui.body.threshold', { comparison: 'more_than', numerator: 2, denominator: 3, base: 'composition' })} ${msg('kk', 'ui.rule.ref', { rule: 'MTG-3' })}`,
  );
  await page.locator('[data-rule-row=majority] [data-rule=MTG-3]').waitFor();
  await page.locator('[data-rule-row=term] [data-rule=ORG-8]').waitFor();

  // ORG-4: without the recorded acceptance of the regulation the server refuses, next to the box.
  const add = page.locator('[data-testid=add-member]');
  await pickPerson(page, 'chair', people[0].person);
  await add.locator('select[name=position]').selectOption('chair');
  const [refused] = await Promise.all([waitApi(page, 'POST', /\/members$/), add.locator('button[type=submit]').click()]);
  assert.equal(refused.status(), 422);
  const problem = await refused.json();
  assert.equal(problem.rule, 'ORG-4');
  assert.equal(JSON.parse(refused.request().postData()).accepted_regulation, false);
  await add.locator('input[name=accepted_regulation][aria-invalid=true]').waitFor();
  const describedBy = await add.locator('input[name=accepted_regulation]').getAttribute('aria-describedby');
  assert.equal((await page.locator(`[id="${describedBy.split(' ')[0]}"]`).innerText()).trim(), problem.errors[0].message);
  const alert = add.locator('[role=alert]');
  assert.match(await alert.innerText(), new RegExp(msg('kk', 'ui.rule.ref', { rule: 'ORG-4' })));
  assert.equal(await page.locator('[data-testid=members-table]').count(), 0, 'nothing was added');

  // Seven voting members (the chair first) and the secretary, each with the acceptance ticked.
  for (let i = 0; i < 8; i++) {
    if (i > 0) await pickPerson(page, `member ${i}`, people[i].person);
    await add.locator('select[name=position]').selectOption(i === 0 ? 'chair' : i === 7 ? 'secretary' : 'member');
    if (i === 7) await add.locator('.field-hint', { hasText: msg('kk', 'ui.body.position_non_voting') }).waitFor();
    await add.locator('input[name=accepted_regulation]').check();
    const [added] = await Promise.all([waitApi(page, 'POST', /\/members$/), add.locator('button[type=submit]').click()]);
    assert.equal(added.status(), 201, await added.text());
    await page.locator(`[data-testid=members-table] tr[data-person-id="${people[i].person.id}"]`).waitFor();
    assert.equal(await add.locator('input[name=accepted_regulation]').isChecked(), false, 'the acceptance is asked again for the next member');
  }
  const rows = page.locator('[data-testid=members-table] tbody tr');
  assert.equal(await rows.count(), 8);
  const secretaryRow = page.locator(`[data-testid=members-table] tr[data-person-id="${people[7].person.id}"]`);
  assert.equal((await secretaryRow.locator('[data-testid=voting]').innerText()).trim(), msg('kk', 'ui.body.non_voting'));
  assert.equal((await secretaryRow.locator('[data-testid=position]').innerText()).trim(), msg('kk', 'body.position.secretary'));
  await page.locator('#members-title', { hasText: msg('kk', 'ui.bodies.voting_of_total', { voting: 7, total: 8 }) }).waitFor();

  // The list of bodies shows it with its counts and no composition problem.
  await page.goto('/bodies');
  const card = page.locator(`[data-testid=bodies-tree] li[data-body-id="${committeeId}"]`);
  await card.waitFor();
  assert.equal((await card.locator('[data-testid=member-count]').first().innerText()).trim(), msg('kk', 'ui.bodies.member_count', { count: 8 }));
  assert.equal((await card.locator('[data-testid=voting-count]').first().innerText()).trim(), msg('kk', 'ui.bodies.voting_count', { count: 7 }));
  assert.equal(await card.locator('[data-testid=composition-problem]').count(), 0);
  assert.deepEqual(page.problems, []);
});

test('the secretary convenes; no vote without quorum (MTG-3), then the quorum and an item with an interested member', async () => {
  assert.ok(committeeId, 'the committee exists');
  secretaryPage = await openPage(browser);
  const { page } = secretaryPage;
  await signIn(page, people[7].login, { password: PASSWORD });
  await page.locator('nav#main-nav a[data-nav="/bodies"]').click();
  await page.locator(`[data-testid=bodies-tree] li[data-body-id="${committeeId}"] a.body-name`).first().click();
  await page.waitForURL((url) => url.pathname === `/bodies/${committeeId}`);
  // A secretary runs sessions but does not manage members.
  assert.equal(await page.locator('[data-testid=add-member]').count(), 0);

  // MTG-1: a plain member cannot convene; the refusal sits next to the convener.
  const convene = page.locator('[data-testid=convene]');
  assert.equal(await convene.locator('select[name=convened_by]').inputValue(), String(people[0].person.id), 'the chair is proposed');
  await convene.locator('input[name=place]').fill('204');
  await convene.locator('select[name=convened_by]').selectOption(String(people[1].person.id));
  const [refused] = await Promise.all([waitApi(page, 'POST', /\/meetings$/), convene.locator('button[type=submit]').click()]);
  assert.equal(refused.status(), 422);
  assert.equal((await refused.json()).rule, 'MTG-1');
  await convene.locator('select[name=convened_by][aria-invalid=true]').waitFor();
  assert.match(await convene.locator('[role=alert]').innerText(), /MTG-1/);

  await convene.locator('select[name=convened_by]').selectOption(String(people[0].person.id));
  const [convened] = await Promise.all([waitApi(page, 'POST', /\/meetings$/), convene.locator('button[type=submit]').click()]);
  assert.equal(convened.status(), 201, await convened.text());
  const meeting = await convened.json();
  assert.equal(meeting.held_on, today);
  meetingPath = `/meetings/${meeting.id}`;
  await page.waitForURL((url) => url.pathname === meetingPath);
  await page.locator('h1', { hasText: msg('kk', 'ui.meeting.title', { number: meeting.number }) }).waitFor();

  // Four of seven voting members and the secretary present.
  const attendance = page.locator('[data-testid=attendance]');
  for (const i of [0, 1, 2, 3, 7]) {
    const row = attendance.locator(`li[data-person-id="${people[i].person.id}"]`);
    const [marked] = await Promise.all([waitApi(page, 'PUT', /\/attendance$/), row.locator('button[data-mark=present]').click()]);
    assert.equal(marked.status(), 200, await marked.text());
    await attendance.locator(`li[data-person-id="${people[i].person.id}"][data-status=present]`).waitFor();
    assert.equal(await row.locator('button[data-mark=present]').getAttribute('aria-pressed'), 'true');
  }
  const quorum = page.locator('[data-testid=quorum]');
  const explanation = (present, met) =>
    msg('kk', 'body.quorum.explanation', { present, base: 7, comparison: 'more_than', numerator: 2, denominator: 3, needed: 5, met: met ? 'true' : 'false' });
  await page.locator('[data-testid=quorum][data-met=false] [data-testid=quorum-explanation]', { hasText: explanation(4, false) }).waitFor();
  assert.equal((await quorum.locator('[data-testid=quorum-state]').innerText()).trim(), msg('kk', 'ui.meeting.quorum_not_met'));
  await quorum.locator('[data-rule=MTG-3]').waitFor();

  // An item with member 4 as the interested person (MTG-6).
  const form = page.locator('[data-testid=add-item]');
  await form.locator('select[name=kind]').selectOption('discipline_case');
  await form.locator('input[name=title]').fill(`Іс ${tag}`);
  await form.locator('textarea[name=motion]').fill('Сөгіс жариялансын');
  await form.locator(`input[name=interested_person_ids][value="${people[4].person.id}"]`).check();
  const [added] = await Promise.all([waitApi(page, 'POST', /\/items$/), form.locator('button[type=submit]').click()]);
  assert.equal(added.status(), 200, await added.text());
  assert.deepEqual(JSON.parse(added.request().postData()).interested_person_ids, [people[4].person.id]);
  const item = page.locator('[data-item-id]').first();
  await item.locator('[data-testid=interested]', { hasText: people[4].person.surname }).waitFor();

  // No quorum: the vote is refused with MTG-3 and the arithmetic, and nothing changes.
  const [noQuorum] = await Promise.all([waitApi(page, 'POST', /\/vote\/open$/), item.locator('button[data-action=open-vote]').click()]);
  assert.equal(noQuorum.status(), 422);
  const problem = await noQuorum.json();
  assert.equal(problem.rule, 'MTG-3');
  const refusal = item.locator('[role=alert]');
  await refusal.waitFor();
  const text = await refusal.innerText();
  assert.ok(text.includes(problem.detail), text);
  assert.ok(text.includes(msg('kk', 'rule.quorum_not_met', { present: 4, base: 7, comparison: 'more_than', numerator: 2, denominator: 3, needed: 5 })), text);
  assert.ok(text.includes(msg('kk', 'ui.rule.ref', { rule: 'MTG-3' })), text);
  assert.equal(await item.getAttribute('data-vote-status'), 'none');

  // The other three arrive: quorum, in the server's words.
  for (const i of [4, 5, 6]) {
    const row = attendance.locator(`li[data-person-id="${people[i].person.id}"]`);
    const [marked] = await Promise.all([waitApi(page, 'PUT', /\/attendance$/), row.locator('button[data-mark=present]').click()]);
    assert.equal(marked.status(), 200, await marked.text());
  }
  await page.locator('[data-testid=quorum][data-met=true] [data-testid=quorum-explanation]', { hasText: explanation(7, true) }).waitFor();
  assert.equal((await quorum.locator('[data-testid=quorum-state]').innerText()).trim(), msg('kk', 'ui.meeting.quorum_met'));
  assert.deepEqual(page.problems, []);
});

test('the vote: members vote on their phones, the interested one is recused (MTG-6), the secretary closes: adopted', async () => {
  assert.ok(meetingPath, 'the session exists');
  const { page } = secretaryPage;
  const item = page.locator('[data-item-id]').first();
  const itemId = await item.getAttribute('data-item-id');

  // Member 6 is already looking at the session: the vote appears there without a reload.
  const dissenter = await memberOnPhone(6);
  const dPanel = dissenter.page.locator(`[data-item-id="${itemId}"] [data-testid=vote-panel]`);
  await dissenter.page.locator(`[data-item-id="${itemId}"] [data-testid=vote-panel][data-state=not_open]`).waitFor();
  // Updates come as server-sent events in the page's language; no polling while the stream lives.
  const stream = await dissenter.stream;
  assert.equal(stream.status(), 200);
  assert.match(stream.headers()['content-type'], /^text\/event-stream/);
  assert.equal(stream.request().headers()['accept-language'], 'kk');
  const polls = [];
  const onRequest = (r) => r.method() === 'GET' && pathOf(r) === `/api/v1${meetingPath}` && polls.push(r);
  dissenter.page.on('request', onRequest);
  await dissenter.page.waitForTimeout(4500);
  dissenter.page.off('request', onRequest);
  assert.equal(polls.length, 0, 'no polling while the stream is open');

  const [opened] = await Promise.all([waitApi(page, 'POST', /\/vote\/open$/), item.locator('button[data-action=open-vote]').click()]);
  assert.equal(opened.status(), 200, await opened.text());
  await item.locator('[data-testid=votes-cast]', { hasText: msg('kk', 'ui.meeting.votes_cast', { cast: 0, eligible: 6 }) }).waitFor();
  // The secretary has no vote (MTG-5, ORG-9) and is told so.
  await item.locator('[data-testid=vote-panel][data-state=non_voting] [data-rule=MTG-5]').waitFor();

  // Member 6 votes against, with a confirmation step.
  await dPanel.locator('button[data-choice=no]').click({ timeout: 10_000 });
  await dPanel.locator('.vote-question', { hasText: msg('kk', 'ui.meeting.confirm_question', { choice: msg('kk', 'ui.meeting.choice.no') }) }).waitFor();
  const [cast] = await Promise.all([waitApi(dissenter.page, 'POST', /\/votes$/), dPanel.locator('button[data-action=confirm-vote]').click()]);
  assert.equal(cast.status(), 200, await cast.text());
  assert.deepEqual(JSON.parse(cast.request().postData()), { choice: 'no' });
  await dPanel.locator('[data-testid=vote-recorded]', { hasText: msg('kk', 'ui.meeting.vote_recorded') }).waitFor();
  assert.ok((await dPanel.innerText()).includes(msg('kk', 'ui.meeting.you_voted', { choice: msg('kk', 'ui.meeting.choice.no') })));
  const shot = join(ARTIFACTS, 'vote-360.png');
  await dissenter.page.screenshot({ path: shot, fullPage: true });
  assert.ok((await dissenter.page.evaluate(() => document.scrollingElement.scrollWidth)) <= 360, `the session fits a phone (see ${shot})`);

  // The interested member sees the recusal instead of buttons, and the server refuses too.
  const interested = await memberOnPhone(4);
  try {
    const panel = interested.page.locator(`[data-item-id="${itemId}"] [data-testid=vote-panel][data-state=recused]`);
    await panel.waitFor();
    assert.ok((await panel.innerText()).includes(msg('kk', 'rule.recused')));
    await panel.locator('[data-rule=MTG-6]').waitFor();
    assert.equal(await interested.page.locator(`[data-item-id="${itemId}"] button[data-choice]`).count(), 0);
    const direct = await apiFromPage(interested.page, 'POST', `/api/v1/agenda-items/${itemId}/votes`, { choice: 'yes' });
    assert.equal(direct.status, 422);
    assert.equal(direct.json.rule, 'MTG-6');
    assert.deepEqual(interested.page.problems, []);
  } finally {
    await interested.context.close();
  }

  // The others vote yes; member 1 with the keyboard only; member 0 then tries a second time.
  for (const i of [0, 1, 2, 3, 5]) {
    const member = await memberOnPhone(i);
    try {
      const panel = member.page.locator(`[data-item-id="${itemId}"] [data-testid=vote-panel]`);
      await panel.locator('button[data-choice=yes]').waitFor();
      if (i === 1) {
        await panel.locator('button[data-choice=yes]').focus();
        await member.page.keyboard.press('Enter');
        await member.page.waitForFunction(() => document.activeElement?.getAttribute('data-action') === 'confirm-vote');
        await Promise.all([waitApi(member.page, 'POST', /\/votes$/), member.page.keyboard.press('Enter')]);
      } else {
        await panel.locator('button[data-choice=yes]').click();
        await Promise.all([waitApi(member.page, 'POST', /\/votes$/), panel.locator('button[data-action=confirm-vote]').click()]);
      }
      await panel.locator('[data-testid=vote-recorded]').waitFor();
      if (i === 0) {
        const again = await apiFromPage(member.page, 'POST', `/api/v1/agenda-items/${itemId}/votes`, { choice: 'no' });
        assert.equal(again.status, 409, 'one vote each (MTG-5)');
        assert.equal(again.json.rule, 'MTG-5');
      }
      assert.deepEqual(member.page.problems, []);
    } finally {
      await member.context.close();
    }
  }

  // The secretary's screen counted them without a reload.
  await item.locator('[data-testid=votes-cast]', { hasText: msg('kk', 'ui.meeting.votes_cast', { cast: 6, eligible: 6 }) }).waitFor();
  await item.locator('button[data-action=close-vote]').click();
  await item.locator('.confirm-box', { hasText: msg('kk', 'ui.meeting.close_question', { cast: 6, eligible: 6 }) }).waitFor();
  const [closed] = await Promise.all([waitApi(page, 'POST', /\/vote\/close$/), item.locator('button[data-action=confirm-close]').click()]);
  assert.equal(closed.status(), 200, await closed.text());
  const outcome = item.locator('[data-testid=outcome][data-outcome=adopted]');
  await outcome.waitFor();
  assert.ok((await outcome.innerText()).includes(msg('kk', 'ui.meeting.outcome.adopted')));
  assert.equal((await outcome.locator('[data-testid=counts]').innerText()).trim(), msg('kk', 'ui.meeting.counts', { yes: 5, no: 1, abstain: 0 }));

  // ORG-10: member 6, still on the page, sees the decision and records a dissenting opinion.
  try {
    const dItem = dissenter.page.locator(`[data-item-id="${itemId}"]`);
    await dItem.locator('[data-testid=outcome][data-outcome=adopted]').waitFor();
    const opinion = 'Ескерту жеткілікті еді.';
    await dItem.locator('textarea[name=dissent]').fill(opinion);
    const [recorded] = await Promise.all([waitApi(dissenter.page, 'POST', /\/dissents$/), dItem.locator('[data-testid=dissent-form] button[type=submit]').click()]);
    assert.equal(recorded.status(), 201, await recorded.text());
    await dItem.locator('.alert-success', { hasText: msg('kk', 'ui.meeting.dissent_saved') }).waitFor();
    await dItem.locator(`[data-testid=dissents] li[data-person-id="${people[6].person.id}"]`, { hasText: opinion }).waitFor();
    assert.ok((await dissenter.page.evaluate(() => document.scrollingElement.scrollWidth)) <= 360);
    assert.deepEqual(dissenter.page.problems, []);
    // ... and the secretary's screen shows it by itself.
    await item.locator(`[data-testid=dissents] li[data-person-id="${people[6].person.id}"]`, { hasText: opinion }).waitFor();
  } finally {
    await dissenter.context.close();
  }
  assert.deepEqual(page.problems, []);
});

test('the protocol (MTG-7): the secretary closes the session, every member present signs in their own browser, the PDF and the public check', async () => {
  assert.ok(meetingPath, 'the session exists');
  const { page } = secretaryPage;
  const meetingId = meetingPath.split('/').pop();
  await page.goto(meetingPath);
  const closeBox = page.locator('[data-testid=close-session]');

  // A refusal of the server (a vote still open) is shown with its detail and the rule id. The
  // vote is already closed here, so the server's answer for that case is played back once.
  const refusedDetail = msg('kk', 'rule.votes_still_open');
  await page.route(`**/api/v1/meetings/${meetingId}/close`, (route) =>
    route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: msg('kk', 'error.rule.title'), status: 422, code: 'rule', detail: refusedDetail, rule: 'MTG-7' }),
    }),
    { times: 1 },
  );
  await closeBox.locator('button[data-action=close-session]').click();
  await Promise.all([waitApi(page, 'POST', /\/close$/), closeBox.locator('button[data-action=confirm-close-session]').click()]);
  const alert = closeBox.locator('[role=alert]');
  await alert.waitFor();
  assert.ok((await alert.innerText()).includes(refusedDetail));
  await alert.locator('[data-rule=MTG-7]').waitFor();
  await page.unroute(`**/api/v1/meetings/${meetingId}/close`);

  // Closed for real: the draft protocol with the eight members present, none signed yet.
  await closeBox.locator('button[data-action=close-session]').click();
  const [closed] = await Promise.all([waitApi(page, 'POST', /\/close$/), closeBox.locator('button[data-action=confirm-close-session]').click()]);
  assert.equal(closed.status(), 201, await closed.text());
  const protocol = page.locator('[data-testid=protocol]');
  await page.locator('[data-testid=protocol][data-status=draft]').waitFor();
  assert.equal((await protocol.locator('[data-testid=protocol-status]').innerText()).trim(), msg('kk', 'ui.protocol.status.draft'));
  await protocol.locator('[data-testid=protocol-signed-count]', { hasText: msg('kk', 'ui.protocol.signed_count', { signed: 0, total: 8 }) }).waitFor();
  assert.equal(await protocol.locator('[data-testid=protocol-signers] li[data-signed=false]').count(), 8);
  // A closed session is not run any more: no attendance buttons, no new items.
  assert.equal(await page.locator('[data-testid=add-item]').count(), 0);
  assert.equal(await page.locator('[data-testid=close-session]').count(), 0);

  // Every member present signs in their own browser: the secretary here, the others on phones.
  const [signedHere] = await Promise.all([waitApi(page, 'POST', /\/protocol\/sign$/), protocol.locator('button[data-action=sign-protocol]').click()]);
  assert.equal(signedHere.status(), 200, await signedHere.text());
  await protocol.locator(`[data-testid=protocol-signers] li[data-person-id="${people[7].person.id}"][data-signed=true]`).waitFor();
  assert.equal(await protocol.locator('button[data-action=sign-protocol]').count(), 0, 'no second signature offered');
  for (const i of [0, 1, 2, 3, 4, 5, 6]) {
    const member = await memberOnPhone(i);
    try {
      const block = member.page.locator('[data-testid=protocol]');
      const [signed] = await Promise.all([waitApi(member.page, 'POST', /\/protocol\/sign$/), block.locator('button[data-action=sign-protocol]').click()]);
      assert.equal(signed.status(), 200, await signed.text());
      assert.equal((await signed.json()).status, i === 6 ? 'final' : 'draft');
      await block.locator(`[data-testid=protocol-signers] li[data-person-id="${people[i].person.id}"][data-signed=true]`).waitFor();
      await block.locator('.alert-success', { hasText: msg('kk', 'ui.protocol.signed_notice') }).waitFor();
      assert.ok((await member.page.evaluate(() => document.scrollingElement.scrollWidth)) <= 360);
      assert.deepEqual(member.page.problems, []);
    } finally {
      await member.context.close();
    }
  }

  // The secretary's screen becomes final by itself: code, hash, publication.
  await page.locator('[data-testid=protocol][data-status=final]').waitFor({ timeout: 20_000 });
  assert.equal((await protocol.locator('[data-testid=protocol-status]').innerText()).trim(), msg('kk', 'ui.protocol.status.final'));
  assert.equal(await protocol.locator('[data-testid=protocol-signers] li[data-signed=true]').count(), 8);
  const code = (await protocol.locator('[data-testid=verification-code]').innerText()).trim();
  const hash = await protocol.locator('[data-testid=document-hash]').getAttribute('data-hash');
  assert.match(hash, /^[0-9a-f]{64}$/);
  // The Disciplinary Committee is a confidential commission: its protocol is never published
  // (GEN-3), so the secretary is told so instead of being offered the box.
  await protocol.locator('[data-testid=protocol-confidential]', { hasText: msg('kk', 'ui.protocol.confidential') }).waitFor();
  assert.equal(await protocol.locator('input[name=protocol_public]').count(), 0);

  // The PDF in Kazakh and in Russian: the decision, the counts and the dissent are in its text.
  for (const lang of ['kk', 'ru']) {
    const [download] = await Promise.all([page.waitForEvent('download'), protocol.locator(`[data-testid=protocol-downloads] a[data-lang=${lang}]`).click()]);
    const file = join(ARTIFACTS, `protocol-${lang}.pdf`);
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const flat = (s) => s.replace(/\s+/g, ' ');
    assert.ok(text.includes(flat(msg(lang, 'protocol.title', { number: 1 }))), `${lang}: the title`);
    assert.ok(text.includes(`Іс ${tag}`), `${lang}: the item`);
    assert.ok(text.includes(flat(msg(lang, 'protocol.motion', { motion: 'Сөгіс жариялансын' }))), `${lang}: the decision`);
    assert.ok(text.includes(flat(msg(lang, 'protocol.result', { outcome: 'adopted', yes: 5, no: 1, abstain: 0 }))), `${lang}: the counts in ${text}`);
    assert.ok(text.includes('Ескерту жеткілікті еді.'), `${lang}: the dissent`);
    // The hash and the link may wrap (at a hyphen, which the default mode would drop): raw text.
    const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    assert.ok(raw.includes(hash), `${lang}: the hash`);
    assert.ok(raw.includes(`/verify/${code}`), `${lang}: the verification link`);
  }

  // The code leads to the public check, which anyone can open without signing in.
  await protocol.locator('[data-testid=protocol-proof] a').click();
  await page.waitForURL((url) => url.pathname === `/verify/${code}`);
  await page.locator('[data-testid=verify-result][data-valid=true]').waitFor();
  const anonymous = await openPage(browser, PHONE);
  try {
    const anon = anonymous.page;
    await anon.goto(`/verify/${code}`);
    const result = anon.locator('[data-testid=verify-result][data-valid=true]');
    await result.waitFor();
    assert.ok((await result.innerText()).includes(msg('kk', 'ui.verify.valid')));
    assert.equal((await anon.locator('[data-testid=verify-body]').innerText()).trim(), committeeName);
    assert.equal((await anon.locator('[data-testid=verify-number]').innerText()).trim(), msg('kk', 'protocol.title', { number: 1 }));
    assert.equal(await anon.locator('[data-testid=verify-hash]').getAttribute('data-hash'), hash);
    assert.ok(!(await result.innerText()).includes(people[0].person.surname), 'no personal data on the public page');
    assert.equal(new URL(anon.url()).pathname, `/verify/${code}`, 'no sign-in needed');
    await expectSoundPublicPage(anon, "a session's protocol verified");
    // A code that does not exist is said so.
    await anon.goto(`/verify/${code.slice(0, -2)}xx`);
    await anon.locator('[data-testid=verify-result][data-valid=unknown]', { hasText: msg('kk', 'ui.verify.unknown') }).waitFor();
    assert.ok((await anon.evaluate(() => document.scrollingElement.scrollWidth)) <= 360);
    assert.deepEqual(anon.problems, []);
  } finally {
    await anonymous.context.close();
  }
  assert.deepEqual(page.problems, []);
});

test('a membership is ended (resigned, ORG-5): today is its last day', async () => {
  assert.ok(committeeId, 'the committee exists');
  const { page } = admin;
  await page.goto(`/bodies/${committeeId}`);
  const row = page.locator(`[data-testid=members-table] tr[data-person-id="${people[6].person.id}"]`);
  await row.locator('button[data-end-membership]').click();
  const box = page.locator('[data-testid=end-membership]');
  assert.equal(await box.locator('select[name=reason]').inputValue(), 'resigned');
  assert.equal(await box.locator('input[name=on]').inputValue(), today);
  // Escape cancels and gives the focus back to the button.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.hasAttribute('data-end-membership'));
  assert.equal(await box.count(), 0);
  await row.locator('button[data-end-membership]').click();
  // A last day before the first one is refused before anything is sent (the API would take it).
  let sent = 0;
  const count = (request) => request.method() === 'POST' && /\/end$/.test(new URL(request.url()).pathname) && sent++;
  page.on('request', count);
  await box.locator('input[name=on]').fill('2020-01-01');
  await box.locator('[data-testid=end-yes]').click();
  await box.locator('input[name=on][aria-invalid=true]').waitFor();
  page.off('request', count);
  assert.equal(sent, 0);
  await box.locator('input[name=on]').fill(today);
  const [ended] = await Promise.all([waitApi(page, 'POST', /\/end$/), box.locator('[data-testid=end-yes]').click()]);
  assert.equal(ended.status(), 204);
  assert.deepEqual(JSON.parse(ended.request().postData()), { reason: 'resigned', on: today });
  await page.locator('.alert-success', { hasText: msg('kk', 'ui.body.membership_ended', { name: people[6].person.full_name }) }).waitFor();
  const kazakhToday = today.split('-').reverse().join('.');
  await row.locator('td', { hasText: msg('kk', 'ui.body.term_range', { from: kazakhToday, to: kazakhToday }) }).waitFor();
  assert.deepEqual(page.problems, []);
});

test('a hostel commission inside the committee: composition problems (ORG-9), overdue (MTG-1), rules changed from a date', async () => {
  assert.ok(committeeId, 'the committee exists');
  const { page } = admin;
  const name = `Жатақхана ${capitalize(randomCyrillic(5))}`;
  const chair = (await apiFromPage(page, 'POST', '/api/v1/people', { surname: `${capitalize(randomCyrillic(7))}`, name: 'Төраға' })).json;

  // Created as a part of the committee: the tree nests it there.
  await page.goto('/bodies');
  const form = page.locator('[data-testid=create-body]');
  await form.locator('select[name=template]').selectOption('hostel_allocation_commission');
  await form.locator('input[name=name]').fill(name);
  await form.locator('select[name=parent_id]').selectOption(String(committeeId));
  const [created] = await Promise.all([waitApi(page, 'POST', /^\/api\/v1\/bodies$/), form.locator('button[type=submit]').click()]);
  assert.equal(created.status(), 201, await created.text());
  const hostel = await created.json();
  assert.equal(JSON.parse(created.request().postData()).parent_id, committeeId);
  await page.waitForURL((url) => url.pathname === `/bodies/${hostel.id}`);
  // An empty commission breaks ORG-9 twice: an even number (0) and fewer than seven.
  const problems = page.locator('[data-testid=body-flags] [data-testid=composition-problem]');
  await problems.first().waitFor();
  assert.deepEqual((await problems.evaluateAll((items) => items.map((li) => li.getAttribute('data-code')))).sort(), ['even', 'too_few']);
  assert.equal(await page.locator('[data-testid=body-flags] [data-rule=ORG-9]').count(), 2);
  // The breadcrumb leads to the committee it belongs to.
  await page.locator('.breadcrumb a', { hasText: committeeName }).waitFor();

  // A chair since January 2025 and a session held then: the commission is overdue now.
  const add = page.locator('[data-testid=add-member]');
  await pickPerson(page, 'chair', chair);
  await add.locator('select[name=position]').selectOption('chair');
  await add.locator('input[name=starts_on]').fill('2025-01-01');
  await add.locator('input[name=accepted_regulation]').check();
  const [added] = await Promise.all([waitApi(page, 'POST', /\/members$/), add.locator('button[type=submit]').click()]);
  assert.equal(added.status(), 201, await added.text());
  const convene = page.locator('[data-testid=convene]');
  await convene.locator('select[name=convened_by]').selectOption(String(chair.id));
  await convene.locator('input[name=held_on]').fill('2025-01-10');
  await convene.locator('input[name=place]').fill('Жатақхана, 1-қабат');
  const [convened] = await Promise.all([waitApi(page, 'POST', /\/meetings$/), convene.locator('button[type=submit]').click()]);
  assert.equal(convened.status(), 201, await convened.text());
  assert.equal((await convened.json()).academic_year, '2024-2025');
  await page.goto('/bodies');
  const nested = page.locator(`li[data-body-id="${committeeId}"] > ul li[data-body-id="${hostel.id}"]`);
  await nested.waitFor();
  await nested.locator('[data-testid=overdue] [data-rule=MTG-1]').waitFor();
  assert.equal(await nested.locator('[data-testid=composition-problem][data-code=too_few] [data-rule=ORG-9]').count(), 1);

  // Rules from today: a numerator above the denominator is refused next to it; then saved.
  await page.goto(`/bodies/${hostel.id}`);
  await page.locator('[data-rule-row=quorum] [data-rule=MTG-4]').waitFor();
  await page.locator('button', { hasText: msg('kk', 'ui.body.edit_rules') }).click();
  const rules = page.locator('[data-testid=rules-form]');
  assert.equal(await rules.locator('input[name=effective_from]').inputValue(), today);
  assert.equal(await rules.locator('select[name="quorum.comparison"]').inputValue(), 'at_least');
  await rules.locator('input[name="quorum.numerator"]').fill('5');
  await rules.locator('input[name="quorum.denominator"]').fill('4');
  const [refused] = await Promise.all([waitApi(page, 'PUT', /\/rules$/), rules.locator('button[type=submit]').click()]);
  assert.equal(refused.status(), 422);
  await rules.locator('input[name="quorum.numerator"][aria-invalid=true]').waitFor();
  // Not a whole number: caught before sending.
  await rules.locator('input[name="max_months_between_sessions"]').fill('3,5');
  await rules.locator('button[type=submit]').click();
  await rules.locator('input[name="max_months_between_sessions"][aria-invalid=true]').waitFor();
  await rules.locator('input[name="max_months_between_sessions"]').fill('3');
  await rules.locator('input[name="quorum.numerator"]').fill('3');
  const [saved] = await Promise.all([waitApi(page, 'PUT', /\/rules$/), rules.locator('button[type=submit]').click()]);
  assert.equal(saved.status(), 200, await saved.text());
  const sent = JSON.parse(saved.request().postData());
  assert.deepEqual(sent.quorum, { base: 'composition', comparison: 'at_least', numerator: 3, denominator: 4 });
  assert.equal(sent.effective_from, today);
  assert.equal(sent.max_months_between_sessions, 3);
  assert.equal(sent.term_months, null);
  const kazakhToday = today.split('-').reverse().join('.');
  await page.locator('.alert-success', { hasText: msg('kk', 'ui.body.rules_saved', { date: kazakhToday }) }).waitFor();
  await page.locator('[data-rule-row=quorum] dd', { hasText: msg('kk', 'ui.body.threshold', { comparison: 'at_least', numerator: 3, denominator: 4, base: 'composition' }) }).waitFor();
  await page.locator('[data-rule-row=interval] dd', { hasText: msg('kk', 'ui.body.months', { count: 3 }) }).waitFor();
  await page.locator('[data-testid=rule-versions]', { hasText: kazakhToday }).waitFor();
  assert.deepEqual(page.problems, []);
});

test('the session page follows the language switch, the server sentence included', async () => {
  assert.ok(meetingPath, 'the session exists');
  const { page } = admin;
  await page.goto(meetingPath);
  const values = { present: 7, base: 7, comparison: 'more_than', numerator: 2, denominator: 3, needed: 5, met: 'true' };
  await page.locator('[data-testid=quorum-explanation]', { hasText: msg('kk', 'body.quorum.explanation', values) }).waitFor();
  await switchLanguage(page, 'ru');
  try {
    await page.locator('[data-testid=quorum-explanation]', { hasText: msg('ru', 'body.quorum.explanation', values) }).waitFor();
    await page.locator('[data-testid=outcome] [data-testid=counts]', { hasText: msg('ru', 'ui.meeting.counts', { yes: 5, no: 1, abstain: 0 }) }).waitFor();
    assert.equal((await page.locator('[data-testid=quorum-state]').innerText()).trim(), msg('ru', 'ui.meeting.quorum_met'));
  } finally {
    await switchLanguage(page, 'kk');
  }
  assert.deepEqual(page.problems, []);
});

// ---- sessions on a schedule (MTG-1), mark all present, the founding composition (ORG-6, ORG-3)

const SHOTS = process.env.KENES_SHOTS ?? ARTIFACTS;
const nextWeek = new Date(Date.now() + 5 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);

async function studentPerson(page, surname, name) {
  const created = await apiFromPage(page, 'POST', '/api/v1/people', { surname, name, student: { student_number: `E2E-${uniqueSuffix()}` } });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  return created.json;
}

test('a session convened for next week shows its start and no attendance or vote controls; today\'s session: mark all present', async () => {
  const { page } = admin;
  const club = (await apiFromPage(page, 'POST', '/api/v1/bodies', { template: 'club', name: `Клуб ${capitalize(randomCyrillic(6))}` })).json;
  const members = [];
  for (let i = 0; i < 3; i++) {
    const p = await studentPerson(page, `${capitalize(randomCyrillic(7))}`, `Мүше${i}`);
    const seat = await apiFromPage(page, 'POST', `/api/v1/bodies/${club.id}/members`, { person_id: p.id, position: i ? 'member' : 'chair', starts_on: today, accepted_regulation: true });
    assert.equal(seat.status, 201, JSON.stringify(seat.json));
    members.push(p);
  }
  const scheduled = await apiFromPage(page, 'POST', `/api/v1/bodies/${club.id}/meetings`, { held_on: nextWeek, starts_at: '10:00', place: '305', convened_by: members[0].id });
  assert.equal(scheduled.status, 201, JSON.stringify(scheduled.json));
  const item = await apiFromPage(page, 'POST', `/api/v1/meetings/${scheduled.json.id}/items`, { kind: 'other', title: 'Жоспар', motion: 'Бекітілсін' });
  assert.equal(item.status, 200, JSON.stringify(item.json));

  for (const viewport of [PHONE, { width: 1366, height: 900 }]) {
    await page.setViewportSize(viewport);
    await page.goto(`/meetings/${scheduled.json.id}`);
    await page.locator('[data-testid=scheduled-note]', { hasText: msg('kk', 'ui.meeting.status_scheduled') }).waitFor();
    assert.match(await page.locator('[data-testid=scheduled-note]').innerText(), /10:00/);
    await page.locator('[data-testid=attendance] li[data-status=unmarked]').first().waitFor();
    assert.equal(await page.locator('[data-mark]').count(), 0, 'no attendance buttons before the start');
    assert.equal(await page.locator('[data-action=mark-all-present]').count(), 0);
    assert.equal(await page.locator('[data-action=open-vote]').count(), 0, 'no vote before the start');
    assert.equal(await page.locator('[data-testid=protocol]').count(), 0, 'no protocol and no closing before the start');
    await page.screenshot({ path: join(SHOTS, `sessions-scheduled-${viewport.width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // The bodies list: no session held yet, the next one with its start.
  await page.goto('/bodies');
  const row = page.locator(`[data-testid=bodies-tree] li[data-body-id="${club.id}"]`).first();
  await row.locator('[data-testid=next-session]', { hasText: '10:00' }).waitFor();
  assert.equal((await row.locator('[data-testid=last-session]').innerText()).trim(), msg('kk', 'ui.bodies.no_session'));

  // Today's session, started: one click marks everyone present.
  const now = await apiFromPage(page, 'POST', `/api/v1/bodies/${club.id}/meetings`, { held_on: today, starts_at: '00:00', place: '305', convened_by: members[0].id });
  assert.equal(now.status, 201, JSON.stringify(now.json));
  await page.goto(`/meetings/${now.json.id}`);
  const all = page.locator('[data-action=mark-all-present]');
  const [marked] = await Promise.all([waitApi(page, 'POST', /\/attendance\/all-present$/), all.click()]);
  assert.equal(marked.status(), 200, await marked.text());
  for (const p of members) await page.locator(`[data-testid=attendance] li[data-person-id="${p.id}"][data-status=present]`).waitFor();
  await all.waitFor({ state: 'detached' });
  assert.deepEqual(page.problems, []);
});

test('a new body is staffed by a founding act in one step; the picker offers only students for a student position (ORG-3, ORG-6)', async () => {
  const { page } = admin;
  const club = (await apiFromPage(page, 'POST', '/api/v1/bodies', { template: 'club', name: `Клуб ${capitalize(randomCyrillic(6))}` })).json;
  // A student and a teacher with the same surname: the chair's picker shows only the student.
  const surname = `${capitalize(randomCyrillic(8))}`;
  const pupil = await studentPerson(page, surname, 'Оқушы');
  const member = await studentPerson(page, `${capitalize(randomCyrillic(8))}`, 'Мүше');
  const teacher = (await apiFromPage(page, 'POST', '/api/v1/people', { surname, name: 'Мұғалім', staff: { position: 'Оқытушы' } })).json;

  await page.goto(`/bodies/${club.id}`);
  const form = page.locator('[data-testid=founding]');
  await form.waitFor();
  await form.locator('input[name=order_number]').fill('45-ө');
  await form.locator('input[name=signed_by]').fill('Директор Н. Б. Әбенова');
  const chairInput = form.locator('input[name=seat_0]');
  await chairInput.fill(surname);
  await form.locator(`[role=option][data-person-id="${pupil.id}"]`).waitFor();
  assert.equal(await form.locator(`[role=option][data-person-id="${teacher.id}"]`).count(), 0, 'no staff member for a student position');
  await form.locator(`[role=option][data-person-id="${pupil.id}"]`).click();
  const memberInput = form.locator('input[name=seat_1]');
  await memberInput.fill(member.surname);
  await form.locator(`[role=option][data-person-id="${member.id}"]`).click();
  await form.locator('input[name=accepted_regulation]').check();
  for (const viewport of [PHONE, { width: 1366, height: 900 }]) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: join(SHOTS, `sessions-founding-${viewport.width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  const [saved] = await Promise.all([waitApi(page, 'POST', /\/founding-act$/), form.locator('button[data-action=record-founding]').click()]);
  assert.equal(saved.status(), 201, await saved.text());
  assert.deepEqual(JSON.parse(saved.request().postData()).seats, [{ person_id: pupil.id, position: 'chair' }, { person_id: member.id, position: 'member' }]);
  await page.locator('[data-testid=founding-act]', { hasText: '45-ө' }).waitFor();
  await form.waitFor({ state: 'detached' });
  assert.deepEqual(page.problems, []);
});

test('a Teachers Council convenes an extraordinary session: the template is offered, the checkbox is sent, the badge shows (DISC-PEN-3)', async () => {
  const { page } = admin;
  await page.goto('/bodies');
  await page.locator('[data-testid=create-body] select[name=template] option[value=teachers_council]').waitFor({ state: 'attached' });
  const council = (await apiFromPage(page, 'POST', '/api/v1/bodies', { template: 'teachers_council', name: `Педкеңес ${capitalize(randomCyrillic(6))}` })).json;
  const teachers = [];
  for (const position of ['chair', 'member']) {
    const t = (await apiFromPage(page, 'POST', '/api/v1/people', { surname: capitalize(randomCyrillic(8)), name: 'Мұғалім', staff: { position: 'Оқытушы' } })).json;
    const seat = await apiFromPage(page, 'POST', `/api/v1/bodies/${council.id}/members`, { person_id: t.id, position, starts_on: today, accepted_regulation: true });
    assert.equal(seat.status, 201, JSON.stringify(seat.json));
    teachers.push(t);
  }
  await page.setViewportSize(PHONE);
  await page.goto(`/bodies/${council.id}`);
  const convene = page.locator('[data-testid=convene]');
  await convene.locator('input[name=place]').fill('Мұғалімдер бөлмесі');
  const box = convene.locator('input[name=extraordinary]');
  assert.equal(await box.isChecked(), false, 'ordinary by default');
  await box.check();
  const [convened] = await Promise.all([waitApi(page, 'POST', /\/meetings$/), convene.locator('button[type=submit]').click()]);
  assert.equal(convened.status(), 201, await convened.text());
  assert.equal(JSON.parse(convened.request().postData()).extraordinary, true);
  const meeting = await convened.json();
  assert.equal(meeting.extraordinary, true);
  await page.waitForURL((url) => url.pathname === `/meetings/${meeting.id}`);
  await page.locator('[data-testid=extraordinary]', { hasText: msg('kk', 'ui.meeting.extraordinary') }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'sessions-extraordinary-360.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/bodies/${council.id}`);
  await page.locator(`li[data-meeting-id="${meeting.id}"] [data-testid=extraordinary]`, { hasText: msg('kk', 'ui.meeting.extraordinary') }).waitFor();
  assert.deepEqual(page.problems, []);
});
