import { expect, test } from './fixtures';
import { PASSWORD, audit, jsEnabled, linkIn, open, signUp, uniqueEmail, waitForMail } from './helpers';

test('@forms a client deletes their account with their password and the link mailed to them', async ({ page }, testInfo) => {
  const email = uniqueEmail('leaving');
  await signUp(page, testInfo, 'Lea Leaving', email);
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  const panel = page.getByRole('region', { name: 'Delete my account' });
  const ask = panel.getByRole('button', { name: 'Email me a link to delete my account' });

  // the password asks for it; a wrong one is said next to the field
  await panel.getByLabel('Current password').fill('not my password');
  await ask.click();
  await expect(page.getByRole('region', { name: 'Delete my account' }).getByText("That isn't your current password.")).toBeVisible();
  await page.getByRole('region', { name: 'Delete my account' }).getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('region', { name: 'Delete my account' }).getByRole('button', { name: 'Email me a link to delete my account' }).click();
  await expect(page.getByText("We've sent a link to your email.")).toBeVisible();
  if (jsEnabled(testInfo)) await audit(page);

  // the link opens a page that says what happens; its button does it
  const mail = await waitForMail(email, 'Confirm deleting');
  await open(page, linkIn(mail.text, '/delete-account?token='), testInfo);
  await expect(page.getByRole('heading', { name: 'Delete your account' })).toBeVisible();
  await expect(page.getByText('Your upcoming sessions will be cancelled')).toBeVisible();
  if (jsEnabled(testInfo)) await audit(page);
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(page).toHaveURL(/\/account-deleted$/);
  await expect(page.getByRole('heading', { name: 'Your account is deleted' })).toBeVisible();
  if (jsEnabled(testInfo)) await audit(page);
  await waitForMail(email, 'was deleted');

  // logged out, and the old password opens nothing
  await open(page, '/profile', testInfo);
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText("That email and password don't match an account.")).toBeVisible();
});

test('@forms a used deletion link says so and changes nothing', async ({ page }, testInfo) => {
  await open(page, '/delete-account?token=' + 'f'.repeat(64), testInfo);
  await page.getByRole('button', { name: 'Delete my account for good' }).click();
  await expect(page.getByText('This link has expired or has already been used.')).toBeVisible();
});
