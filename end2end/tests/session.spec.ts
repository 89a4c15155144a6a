import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { open, signUp, uniqueEmail } from './helpers';

test('an idle session warns first, can be kept, then logs off and leaves nothing on screen', async ({ page }, testInfo) => {
  // the page's timers run on a clock the test moves; the server's 30 minutes are the same setting
  await page.clock.install();
  const name = 'Nora Idle';
  await signUp(page, testInfo, name, uniqueEmail('idle'));
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/', testInfo);
  const warning = page.getByRole('alertdialog');
  await expect(warning).toHaveCount(0);

  await page.clock.fastForward('28:05');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('logged out in 2 minutes');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await warning.getByRole('button', { name: 'Stay logged in' }).click();
  await expect(warning).toHaveCount(0);

  await page.clock.fastForward('28:05');
  await expect(warning).toBeVisible();
  await page.clock.fastForward('02:00');
  await expect(page).toHaveURL(/\/login\?reason=idle&next=\/$/);
  await expect(page.getByText('You were logged out after a while without activity')).toBeVisible();
  expect(await page.evaluate(() => document.body.innerText)).not.toContain(name);

  // over on the server too, not just in this tab
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});
