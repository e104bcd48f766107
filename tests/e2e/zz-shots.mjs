import { launchBrowser, openPage, signIn } from './lib/harness.mjs';
const pages = [
  ['staff', '/hostel', 'home'],
  ['staff', '/hostel/stock', 'stock'],
  ['staff', '/hostel/campaigns/1893', 'campaign'],
  ['staff', '/hostel/applications/1896', 'application'],
  ['staff', '/hostel/apply/1873', 'apply-paper'],
  ['staff', '/hostel/decisions/1906', 'decision'],
  ['staff', '/hostel/orders/1907', 'order'],
  ['staff', '/hostel/residents', 'residents'],
  ['staff', '/hostel/residents/1912', 'resident'],
  ['staff', '/hostel/violations/1916', 'violation'],
  ['staff', '/hostel/door', 'door'],
  ['staff', '/hostel/visits', 'visits'],
  ['parent', '/hostel', 'home-parent'],
  ['parent', '/hostel/my', 'my-parent'],
];
const browser = await launchBrowser();
for (const [login, path, name] of pages) {
  for (const width of [360, 1366]) {
    const { context, page } = await openPage(browser, { width, height: width === 360 ? 740 : 900 });
    await signIn(page, login);
    await page.goto(path);
    await page.locator('h1').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'), null, { timeout: 10000 }).catch(() => {});
    await page.screenshot({ path: `/work/shots/hostel/${name}-${width}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
