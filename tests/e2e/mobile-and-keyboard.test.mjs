// A 360 px phone: no sideways scrolling, the navigation folds into a menu button. Keyboard only:
// a skip link first, visible focus, every module reachable.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, launchBrowser, msg, openPage, signIn } from './lib/harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const scrollWidth = (page) => page.evaluate(() => document.scrollingElement.scrollWidth);

test('the people list on a 360 px wide phone has no horizontal scroll', async () => {
  const { context, page } = await openPage(browser, { width: 360, height: 780 });
  try {
    await signIn(page, 'admin');
    await page.goto('/people');
    await page.locator('[data-testid=people-table] tbody tr').first().waitFor();
    const shot = join(ARTIFACTS, 'people-360.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok((await scrollWidth(page)) <= 360, `scrollWidth ${await scrollWidth(page)} > 360 (see ${shot})`);

    // The other pages of the modules fit too, in the language with the longest words.
    for (const path of ['/import', '/users', '/audit', '/', '/structure', '/structure/years', '/structure/groups', '/structure/groups/new', '/structure/faculties', '/bodies', '/attendance', '/attendance/justifications', '/attendance/report', '/attendance/settings']) {
      await page.goto(path);
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      assert.ok((await scrollWidth(page)) <= 360, `${path}: scrollWidth ${await scrollWidth(page)}`);
    }

    // A student's page with the representatives form, and the picker's suggestions open.
    await page.goto(`/people?q=${encodeURIComponent('Сарсенова')}&kind=student`);
    await page.locator('[data-testid=people-table] tbody th a').first().click();
    const picker = page.locator('input[name=representative_id]');
    await picker.fill('Сәрсен');
    await page.locator('[role=listbox] [role=option]').first().waitFor();
    const student = join(ARTIFACTS, 'student-360.png');
    await page.screenshot({ path: student, fullPage: true });
    assert.ok((await scrollWidth(page)) <= 360, `student page: scrollWidth ${await scrollWidth(page)} (see ${student})`);
    const list = await page.locator('[role=listbox]').boundingBox();
    assert.ok(list.x >= 0 && list.x + list.width <= 360, `the suggestions fit: ${JSON.stringify(list)}`);
  } finally {
    await context.close();
  }
});

test('on a phone the navigation is behind a menu button', async () => {
  const { context, page } = await openPage(browser, { width: 360, height: 780 });
  try {
    await signIn(page, 'admin');
    const toggle = page.locator('button.menu-toggle');
    const nav = page.locator('nav#main-nav');
    assert.equal(await toggle.isVisible(), true);
    assert.equal(await nav.isVisible(), false);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await nav.locator('a[data-nav="/audit"]').click();
    await page.waitForURL((url) => url.pathname === '/audit');
    assert.equal(await nav.isVisible(), false, 'following a link closes the menu');
    await page.locator('h1', { hasText: msg('kk', 'ui.audit.title') }).waitFor();

    // On a desktop the same navigation is always shown and the button is not.
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.equal(await nav.isVisible(), true);
    assert.equal(await toggle.isVisible(), false);
  } finally {
    await context.close();
  }
});

test('keyboard only: skip link first, visible focus, sign-in and navigation', async () => {
  const { context, page } = await openPage(browser);
  try {
    await page.goto('/login');
    await page.locator('h1').waitFor();
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => ({ cls: document.activeElement.className, text: document.activeElement.textContent, top: document.activeElement.getBoundingClientRect().top }));
    assert.equal(skip.cls, 'skip-link');
    assert.equal(skip.text, msg('kk', 'ui.a11y.skip_to_content'));
    assert.ok(skip.top >= 0, 'the skip link is on screen when focused');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');

    // Sign in with the keyboard alone.
    await page.locator('input[name=login]').focus();
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type('kenes-demo-2026');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');

    // After a page change focus sits on the new heading; the navigation is just before it.
    await page.waitForFunction(() => document.activeElement?.id === 'page-title');
    let found = false;
    for (let i = 0; i < 15 && !found; i++) {
      await page.keyboard.press('Shift+Tab');
      found = await page.evaluate(() => document.activeElement?.getAttribute('data-nav') === '/people');
    }
    assert.ok(found, 'the People link is reachable with Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.notEqual(outline.style, 'none');
    assert.ok(outline.width >= 2, JSON.stringify(outline));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/people');
    // Focus moves to the new page's heading.
    await page.waitForFunction(() => document.activeElement?.id === 'page-title');
  } finally {
    await context.close();
  }
});
