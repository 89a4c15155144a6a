import { expect, test } from '@playwright/test';
import { PASSWORD, logIn, logOut, open, signUp, uniqueEmail } from './helpers';

test('@forms a new name shows in the header and survives a reload', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'Greta Old', uniqueEmail('rename'));
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  await page.getByLabel('Full name').fill('Greta Garbo');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Your name is saved.')).toBeVisible();
  await expect(page.locator('.user-menu summary')).toContainText('Greta Garbo');

  await page.reload();
  await expect(page.locator('.user-menu summary')).toContainText('Greta Garbo');
  await expect(page.getByLabel('Full name')).toHaveValue('Greta Garbo');
});

test('@forms a wrong current password is refused next to the field and changes nothing', async ({ page }, testInfo) => {
  const email = uniqueEmail('pw');
  await signUp(page, testInfo, 'Hal Pass', email);
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  await page.getByRole('region', { name: 'Password' }).getByLabel('Current password').fill('not my password at all');
  await page.getByLabel('New password').fill('a different passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.locator('#field-current_password-error')).toHaveText("That isn't your current password.");
  await expect(page.getByRole('region', { name: 'Password' }).getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

  // still logged in, and the old password still works
  await logOut(page);
  await logIn(page, testInfo, email, PASSWORD);
  await expect(page).toHaveURL(/\/$/);
});

test('@forms changing the password keeps me logged in here and the new one works', async ({ page }, testInfo) => {
  const email = uniqueEmail('pw2');
  await signUp(page, testInfo, 'Ida New', email);
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  await page.getByRole('region', { name: 'Password' }).getByLabel('Current password').fill(PASSWORD);
  await page.getByLabel('New password').fill('a different passphrase');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password is changed.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My profile');

  await logOut(page);
  await logIn(page, testInfo, email, 'a different passphrase');
  await expect(page).toHaveURL(/\/$/);
});

test('@forms a new email is confirmed through the link mailed to it', async ({ page }, testInfo) => {
  const oldEmail = uniqueEmail('old');
  const newEmail = uniqueEmail('new');
  await signUp(page, testInfo, 'Jo Mover', oldEmail);
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  await page.getByLabel('New email').fill(newEmail);
  await page.locator('#field-email-current_password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(page.getByText("We've sent a link to your new address.")).toBeVisible();
  await expect(page.getByText(`Your email is ${oldEmail}.`)).toBeVisible();

  let href: string | null = null;
  await expect
    .poll(async () => {
      await page.goto('/dev/mailbox');
      const link = page.locator('article', { hasText: `To ${newEmail}` }).getByRole('link', { name: /confirm-email/ }).first();
      href = (await link.count()) ? await link.getAttribute('href') : null;
      return href;
    })
    .toContain('/confirm-email?token=');
  const url = new URL(href!);
  await open(page, url.pathname + url.search, testInfo);
  await page.getByRole('button', { name: 'Confirm new email' }).click();
  await expect(page).toHaveURL(/\/profile\?saved=email$/);
  await expect(page.getByText('Your new email is confirmed.')).toBeVisible();
  await expect(page.getByText(`Your email is ${newEmail}.`)).toBeVisible();
});

test('a new account takes the browser time zone', async ({ browser }, testInfo) => {
  const context = await browser.newContext({ timezoneId: 'Atlantic/Reykjavik' });
  const page = await context.newPage();
  await signUp(page, testInfo, 'Kari Zone', uniqueEmail('zone'));
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  await expect(page.getByLabel('Show times in')).toHaveValue('Atlantic/Reykjavik');
  await context.close();
});

test('@forms a chosen time zone survives a reload', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'Lou Tokyo', uniqueEmail('tokyo'));
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  await page.getByLabel('Show times in').selectOption('Asia/Tokyo');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByText('Your time zone is saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Show times in')).toHaveValue('Asia/Tokyo');
});
