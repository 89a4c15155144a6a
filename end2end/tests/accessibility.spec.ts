import { expect, test } from './fixtures';
import { audit, open, signUp, uniqueEmail } from './helpers';

test('sign-up, log-in (and its code) and Terms pages have no accessibility violations', async ({ page }, testInfo) => {
  for (const path of ['/signup', '/login', '/terms', '/forgot-password', '/reset-password?token=x', '/join?token=x', '/login/code', '/terms/accept']) {
    await open(page, path, testInfo);
    await audit(page);
  }
});

test('the dashboard pages have no accessibility violations', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'Axe Person', uniqueEmail('axe'));
  await expect(page.getByText('No upcoming appointments')).toBeVisible();
  await audit(page);
  for (const path of ['/payments', '/profile', '/connections', '/notifications']) {
    await open(page, path, testInfo);
    await audit(page);
  }
});

test('a professional’s Home and the professional sign-up have no accessibility violations', async ({ page }, testInfo) => {
  await open(page, '/signup?as=professional', testInfo);
  await audit(page);
  await page.getByLabel('Full name').fill('Axe Professional');
  await page.getByLabel('Email').fill(uniqueEmail('axe-pro'));
  await page.getByLabel('Password').fill('a long enough passphrase');
  await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('No services yet')).toBeVisible();
  await audit(page);
});
