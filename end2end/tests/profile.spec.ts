import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { PASSWORD, jsEnabled, linkIn, logIn, logOut, open, signUp, uniqueEmail, waitForMail } from './helpers';

test('@forms a new name shows in the header and survives a reload', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'Greta Old', uniqueEmail('rename'));
  await expect(page).toHaveURL(/\/$/);
  // as a person gets there: through the account menu (in the app, without a page load)
  await page.locator('.user-menu summary').click();
  await page.getByRole('link', { name: 'Profile', exact: true }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await page.getByLabel('Full name').fill('Greta Garbo');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Your name is saved.')).toBeVisible();
  await expect(page.locator('.user-menu summary')).toContainText('Greta Garbo');
  // the page is still alive after the save: it takes another, and the header follows again
  await page.getByLabel('Full name').fill('Greta Lovisa Garbo');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.locator('.user-menu summary')).toContainText('Greta Lovisa Garbo');
  await page.getByLabel('Full name').fill('Greta Garbo');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.locator('.user-menu summary')).toContainText('Greta Garbo');

  await page.reload();
  await expect(page.locator('.user-menu summary')).toContainText('Greta Garbo');
  await expect(page.getByLabel('Full name')).toHaveValue('Greta Garbo');
});

test('@forms the greeting uses the first name, not a title, and then what the person asks to be called', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'Dr. Ada Lovelace', uniqueEmail('called'));
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Ada');

  await open(page, '/profile', testInfo);
  await expect(page.getByLabel('What should we call you?')).toHaveValue('');
  await page.getByLabel('What should we call you?').fill('Addie');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Your name is saved.')).toBeVisible();
  await open(page, '/', testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Addie');
  // the full name is still the one others see
  await expect(page.locator('.user-menu summary')).toContainText('Dr. Ada Lovelace');

  // emptied, greetings go back to the first name
  await open(page, '/profile', testInfo);
  await expect(page.getByLabel('What should we call you?')).toHaveValue('Addie');
  await page.getByLabel('What should we call you?').fill('');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByText('Your name is saved.')).toBeVisible();
  await open(page, '/', testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Ada');
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

  const mail = await waitForMail(newEmail, 'Confirm your new');
  await open(page, linkIn(mail.text, '/confirm-email?token='), testInfo);
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

test('the time zone is found by its city, and the picker names zones by place', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'Zoe Zone', uniqueEmail('zone'));
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  await expect(page.getByLabel('Show times in').locator('option[value="America/New_York"]')).toHaveText('New York · America/New_York');
  await page.getByLabel('Find a place').fill('auckl');
  await expect(page.getByLabel('Show times in')).toHaveValue('Pacific/Auckland');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByText('Your time zone is saved.')).toBeVisible();
  await open(page, '/', testInfo);
  await expect(page.getByText('Times are in your time zone (Auckland time).')).toBeVisible();
});

test('@forms a chosen time zone survives a reload', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'Lou Tokyo', uniqueEmail('tokyo'));
  await expect(page).toHaveURL(/\/$/);
  await page.locator('.user-menu summary').click();
  await page.getByRole('link', { name: 'Profile', exact: true }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await page.getByLabel('Show times in').selectOption('Asia/Tokyo');
  await page.getByRole('button', { name: 'Save time zone' }).click();
  await expect(page.getByText('Your time zone is saved.')).toBeVisible();
  // the page still reacts after the save: a name saved next shows in the header
  await page.getByLabel('Full name').fill('Lou in Tokyo');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.locator('.user-menu summary')).toContainText('Lou in Tokyo');
  await page.reload();
  await expect(page.getByLabel('Show times in')).toHaveValue('Asia/Tokyo');
});

const PORTRAIT = path.join(__dirname, '..', 'fixtures', 'portrait.png');

test('@forms a picture appears in the header, survives a reload, and can be removed', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'Kari Picture', uniqueEmail('pic'));
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  const header = page.locator('.user-menu summary');
  await expect(header.locator('img')).toHaveCount(0);
  await expect(header.locator('.avatar')).toHaveText('KP');

  // a file that only pretends to be a picture is refused next to the field
  await page.getByLabel('Choose a picture').setInputFiles({
    name: 'me.png',
    mimeType: 'image/png',
    buffer: Buffer.from('not really a picture'),
  });
  await page.getByRole('button', { name: 'Upload picture' }).click();
  await expect(page.locator('#field-picture-error')).toHaveText("That file isn't a PNG, JPEG or WebP picture.");
  await expect(header.locator('img')).toHaveCount(0);

  await page.getByLabel('Choose a picture').setInputFiles(PORTRAIT);
  await page.getByRole('button', { name: 'Upload picture' }).click();
  await expect(page.getByText('Your picture is saved.')).toBeVisible();
  const avatar = header.locator('img.avatar');
  await expect(avatar).toHaveAttribute('src', /^\/media\/pictures\/[a-z0-9]+$/);
  // the browser really loaded and decoded it
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);

  await page.reload();
  await expect(header.locator('img.avatar')).toHaveAttribute('src', /^\/media\/pictures\//);
  if (jsEnabled(testInfo)) {
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached({ timeout: 20_000 });
  }

  await page.getByRole('button', { name: 'Remove picture' }).click();
  await expect(page.getByText('Your picture is removed.')).toBeVisible();
  await expect(header.locator('img')).toHaveCount(0);
  await expect(header.locator('.avatar')).toHaveText('KP');
});

test('@forms the language switches the whole interface and stays switched', async ({ page }, testInfo) => {
  await signUp(page, testInfo, 'Lilja Mál', uniqueEmail('lang'));
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  await page.getByLabel('Pages and emails in').selectOption('is');
  await page.getByRole('button', { name: 'Save language' }).click();
  await expect(page).toHaveURL(/\/profile\?saved=language$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prófíllinn minn');
  await expect(page.getByText('Tungumálið þitt er vistað.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'is');

  await open(page, '/', testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gaman að sjá þig, Lilja');
  await expect(page.getByRole('navigation', { name: 'Aðalvalmynd' }).getByRole('link', { name: 'Greiðslur' })).toBeVisible();

  // inline checks speak it too
  await open(page, '/profile', testInfo);
  await page.getByLabel('Nýtt lykilorð').fill('short');
  await page.getByRole('button', { name: 'Breyta lykilorði' }).click();
  await expect(page.locator('#field-new_password-error')).toHaveText('Notaðu að minnsta kosti 12 stafi.');

  await page.getByLabel('Síður og tölvupóstar á').selectOption('en');
  await page.getByRole('button', { name: 'Vista tungumál' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My profile');
});

test('@forms "Download my data" gives the account\'s data as a JSON file', async ({ page }, testInfo) => {
  const email = uniqueEmail('export');
  await signUp(page, testInfo, 'Dana Data', email);
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  const section = page.getByRole('region', { name: 'Your data' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'Download my data' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^tandem-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(data.account.name).toBe('Dana Data');
  expect(data.account.email).toBe(email);
  expect(data.terms_accepted).toHaveLength(1);
  expect(data.bookings).toEqual([]);
});
