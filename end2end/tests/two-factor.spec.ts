import { expect, test } from './fixtures';
import { totp } from './authenticator';
import { PASSWORD, audit, jsEnabled, logOut, open, signUp, uniqueEmail } from './helpers';

test('@forms two-step log-in is set up from the key shown, then logging in asks for the code', async ({ page }, testInfo) => {
  const email = uniqueEmail('totp');
  await signUp(page, testInfo, 'Tove Twostep', email);
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  const panel = page.getByRole('region', { name: 'Two-step log-in' });
  await panel.getByRole('button', { name: 'Set up two-step log-in' }).click();
  await expect(panel.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const key = (await panel.locator('.totp-key').textContent()) ?? '';
  expect(key).toMatch(/^[A-Z2-7 ]{32,}$/);
  if (jsEnabled(testInfo)) await audit(page);

  // a wrong code is refused next to the field; the app's code turns it on
  const now = totp(key);
  await panel.getByLabel('Code from your app').fill(now === '000000' ? '111111' : '000000');
  await panel.getByRole('button', { name: 'Turn on' }).click();
  await expect(panel.getByText("That code didn't work.")).toBeVisible();
  await panel.getByLabel('Code from your app').fill(totp(key));
  await panel.getByRole('button', { name: 'Turn on' }).click();
  // shown once, with or without JavaScript
  await expect(panel.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
  await expect(panel.locator('.recovery-codes li')).toHaveCount(10);
  const shown = await panel.locator('.recovery-codes li').allTextContents();
  expect(shown.every((c) => /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/.test(c.trim()))).toBe(true);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Two-step log-in' }).getByText('Two-step log-in is on. Recovery codes left: 10.')).toBeVisible();
  await expect(page.locator('.recovery-codes')).toHaveCount(0);
  await expect(panel.getByText('Two-step log-in is on. Recovery codes left: 10.')).toBeVisible();

  await logOut(page);
  await expect(page).toHaveURL(/\/login/);
  await open(page, '/login?next=/profile', testInfo);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/login\/code/);
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  if (jsEnabled(testInfo)) await audit(page);
  // the code that turned it on is spent; the app's next one (half a minute on) is taken
  await page.getByLabel('Code from your app').fill(totp(key, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('region', { name: 'Two-step log-in' }).getByText(/Two-step log-in is on/)).toBeVisible();
});

test('@forms the page that asks for two-step log-in takes the person on once it is set up', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'Gil Gate', uniqueEmail('totp-gate'));
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/two-factor?next=/notifications', testInfo);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step log-in' })).toBeVisible();
  await page.getByRole('button', { name: 'Set up two-step log-in' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const key = (await page.locator('.totp-key').textContent()) ?? '';
  await page.getByLabel('Code from your app').fill(totp(key));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('Two-step log-in is on. Recovery codes left: 10.')).toBeVisible();
  await page.getByRole('link', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
});
