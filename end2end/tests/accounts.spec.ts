import { expect, test } from './fixtures';
import { PASSWORD, jsEnabled, linkIn, logIn, logOut, open, signUp, uniqueEmail, waitForMail } from './helpers';

test('@forms a new client signs up, lands on the dashboard, logs out and logs back in', async ({ page }, testInfo) => {
  const email = uniqueEmail('ann');
  await signUp(page, testInfo, 'Ann Jónsdóttir', email);

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Ann');
  await expect(page.getByText('No upcoming appointments')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' })).toBeVisible();
  await expect(page.locator('.user-menu summary')).toContainText('Ann Jónsdóttir');

  await logOut(page);
  await expect(page).toHaveURL(/\/login$/);
  // the dashboard is closed to us now
  await page.goto('/');
  await expect(page).toHaveURL(/\/login\?next=\/$/);

  await logIn(page, testInfo, email.toUpperCase());
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Ann');
});

test('@forms sign-up without accepting the Terms shows why and creates nothing', async ({ page }, testInfo) => {
  const email = uniqueEmail('noterms');
  await signUp(page, testInfo, 'Bo Berg', email, { acceptTerms: false });

  await expect(page).toHaveURL(/\/signup/);
  const error = page.locator('#field-accept_terms-error');
  await expect(error).toHaveText('Please accept the Terms & Conditions to create an account.');
  await expect(page.getByRole('checkbox', { name: /I accept the Terms/ })).toHaveAttribute('aria-invalid', 'true');

  // no account was created: logging in with those details fails
  await logIn(page, testInfo, email);
  await expect(page.getByRole('alert')).toHaveText("That email and password don't match an account.");
  await expect(page).toHaveURL(/\/login/);
});

test('@forms a refused sign-up keeps what was typed (never the password), and the zone chosen is the account’s', async ({ page }, testInfo) => {
  const email = uniqueEmail('kept');
  await open(page, '/signup', testInfo);
  await page.getByLabel('Full name').fill('Kári Kept');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByLabel('Password').press('Tab');
  await page.getByLabel('Your time zone').selectOption('Pacific/Auckland');
  await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#field-password-error')).toHaveText('Use at least 12 characters.');
  await expect(page.getByLabel('Full name')).toHaveValue('Kári Kept');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(page.getByLabel('Your time zone')).toHaveValue('Pacific/Auckland');
  // without JavaScript the page came back: the password is never sent back into it
  if (!jsEnabled(testInfo)) await expect(page.getByLabel('Password')).toHaveValue('');

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);
  await open(page, '/profile', testInfo);
  await expect(page.getByLabel('Show times in')).toHaveValue('Pacific/Auckland');

  // once through, nothing typed is offered to the next person at this browser
  await logOut(page);
  await open(page, '/signup', testInfo);
  await expect(page.getByLabel('Full name')).toHaveValue('');
  await expect(page.getByLabel('Email')).toHaveValue('');
});

test('@forms a refused log-in keeps the email typed', async ({ page }, testInfo) => {
  const email = uniqueEmail('typo');
  await logIn(page, testInfo, email, 'not the right passphrase');
  await expect(page.getByRole('alert')).toHaveText("That email and password don't match an account.");
  await expect(page.getByLabel('Email')).toHaveValue(email);
  if (!jsEnabled(testInfo)) await expect(page.getByLabel('Password')).toHaveValue('');
});

test('@forms a taken email is refused with a way to log in instead', async ({ page, browser }, testInfo) => {
  const email = uniqueEmail('taken');
  const first = await browser.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
  const firstPage = await first.newPage();
  await signUp(firstPage, testInfo, 'First Person', email);
  await expect(firstPage).toHaveURL(/\/$/);
  await first.close();

  await signUp(page, testInfo, 'Second Person', email);
  await expect(page.locator('#field-email-error')).toHaveText('An account with this email already exists.');
  await page.getByRole('link', { name: 'Log in instead' }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test('@forms the Terms page is linked from sign-up and says what is accepted', async ({ page }, testInfo) => {
  await open(page, '/terms', testInfo);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Terms & Conditions');
  await expect(page.getByText(/Version \d{4}-\d{2}-\d{2}/)).toBeVisible();
});

test('fields explain themselves as you type, with the rules the server uses', async ({ page }, testInfo) => {
  await open(page, '/signup', testInfo);
  const password = page.getByLabel('Password');
  await password.fill('too short');
  await password.blur();
  await expect(page.locator('#field-password-error')).toHaveText('Use at least 12 characters.');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await password.fill(PASSWORD);
  await expect(page.locator('#field-password-error')).toBeEmpty();

  const email = page.getByLabel('Email');
  await email.fill('ann@example');
  await email.blur();
  await expect(page.locator('#field-email-error')).toHaveText('Enter an email address like name@example.com.');
});

test('a page that needs a login sends you back to it after logging in', async ({ page }, testInfo) => {
  const email = uniqueEmail('next');
  await signUp(page, testInfo, 'Cy Next', email);
  await expect(page).toHaveURL(/\/$/);
  await logOut(page);
  await expect(page).toHaveURL(/\/login$/);

  await page.goto('/payments');
  await expect(page).toHaveURL(/\/login\?next=\/payments$/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/payments$/);
  await expect(page.getByText('No saved cards')).toBeVisible();
});

test('@forms a crafted next after log-in never leaves our site', async ({ page, baseURL }, testInfo) => {
  const email = uniqueEmail('redirect');
  await signUp(page, testInfo, 'Cy Redirect', email);
  await expect(page).toHaveURL(/\/$/);
  await logOut(page);
  // a browser drops the tab while parsing the Location, which left '//evil.example'
  for (const next of ['/%09/evil.example', '/%5Cevil.example', '/%0D%0A/evil.example']) {
    await open(page, `/login?next=${next}`, testInfo);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await logOut(page);
    await expect(page).toHaveURL(/\/login$/);
  }
});

test('the dashboard fits a phone screen', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signUp(page, testInfo, 'Dee Phone', uniqueEmail('phone'));
  await expect(page.getByText('No upcoming appointments')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' })).toBeInViewport();
});

test('the app hydrates and works under its Content-Security-Policy, with no violations', async ({ page }, testInfo) => {
  await page.addInitScript(() => {
    (window as any).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await signUp(page, testInfo, 'Csp Person', uniqueEmail('csp'));
  await expect(page.getByText('No upcoming appointments')).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([]);
});

test('@forms forgot password: from the log-in page through the emailed link to the dashboard', async ({ page }, testInfo) => {
  const email = uniqueEmail('forgot');
  const first = await page.context().browser()!.newContext({ javaScriptEnabled: jsEnabled(testInfo) });
  const firstPage = await first.newPage();
  await signUp(firstPage, testInfo, 'Fay Forgetful', email);
  await expect(firstPage).toHaveURL(/\/$/);
  await first.close();

  await open(page, '/login', testInfo);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  if (jsEnabled(testInfo)) await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText('Check your inbox')).toBeVisible();

  // the mail really left over SMTP; the test reads it where the SMTP server put it
  const mail = await waitForMail(email, 'Reset your');
  await page.goto(linkIn(mail.text, '/reset-password?token='));
  if (jsEnabled(testInfo)) await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('New password').fill('my new long passphrase');
  await page.getByRole('button', { name: 'Save and log in' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Fay');

  // the old password no longer works, the new one does
  await logOut(page);
  await logIn(page, testInfo, email);
  await expect(page.getByRole('alert')).toHaveText("That email and password don't match an account.");
  await logIn(page, testInfo, email, 'my new long passphrase');
  await expect(page).toHaveURL(/\/$/);
});
