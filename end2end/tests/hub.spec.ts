import path from 'node:path';
import { expect, test, type Browser, type Page } from './fixtures';
import { PASSWORD, audit, jsEnabled, linkIn, uniqueEmail, waitForMail } from './helpers';
import { hydrated } from './people';

const PORTRAIT = path.join(__dirname, '..', 'fixtures', 'portrait.png');

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * A professional bookable around the clock, set up through the server functions their pages call
 * (their pages have tests of their own); the path of their booking link.
 */
async function bookable(browser: Browser, baseURL: string, name: string) {
  const context = await browser.newContext();
  const api = context.request;
  const form = (data: Record<string, string>) => ({ headers: { origin: baseURL }, form: data });
  const ok = async (endpoint: string, data: Record<string, string>) => {
    const res = await api.post(`/api/${endpoint}`, form(data));
    expect(res.status(), `${endpoint}: ${await res.text()}`).toBe(200);
    return res.json();
  };
  await ok('sign_up', {
    name, email: uniqueEmail('pro'), password: PASSWORD, accept_terms: 'yes', role: 'professional',
    timezone: 'Atlantic/Reykjavik',
  });
  await ok('create_service', {
    service_name: 'Counselling', meeting_type: 'video', length: '50', price: '80', currency: 'EUR',
  });
  const hours: Record<string, string> = { overrides: '', notice_hours: '1', horizon_days: '30', buffer_minutes: '0' };
  for (const day of DAYS) hours[day] = '00:00-24:00';
  await ok('save_hours', hours);
  const link = await ok('my_link', {});
  return `/book/${link.slug}`;
}

/** The HR admin the server's command made, choosing their password from the mailed link. */
async function hrAdmin(browser: Browser, js: boolean, company: string, email: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  const mail = await waitForMail(email, `Help run ${company}'s Wellbeing Hub`);
  await page.goto(linkIn(mail.text, '/reset-password?token='));
  if (js) await hydrated(page);
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Save and log in' }).click();
  await expect(page).toHaveURL(/\/hr$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${company} Wellbeing Hub`);
  if (js) await hydrated(page);
  return page;
}

test('@forms HR invites an employee, who claims credits by booking from the hub', async ({ browser, baseURL }, testInfo) => {
  const js = jsEnabled(testInfo);
  // each project's run has a company of its own, made by the server's command
  const [company, hrEmail] = js ? ['Acme', 'hr@acme.example'] : ['Initech', 'hr@initech.example'];
  const path = await bookable(browser, baseURL!, js ? 'Dr. Hana Hub' : 'Dr. Nils Nojs');
  const hr = await hrAdmin(browser, js, company, hrEmail);
  const employee = uniqueEmail('emma');

  await test.step('HR offers the professional and invites an employee', async () => {
    if (js) await audit(hr);
    const offered = hr.getByRole('region', { name: 'Professionals in your hub' });
    await offered.getByLabel('Professional\'s booking link').fill(path);
    await offered.getByRole('button', { name: 'Add professional' }).click();
    await expect(hr.getByText('Added to your hub.')).toBeVisible();
    if (js) await hydrated(hr);
    // the company's logo, for its hub (a plain form, with or without JavaScript)
    await hr.getByLabel('Choose a logo').setInputFiles(PORTRAIT);
    await hr.getByRole('button', { name: 'Upload logo' }).click();
    await expect(hr.getByText('Logo saved: your hub shows it.')).toBeVisible();
    if (js) await hydrated(hr);
    const invite = hr.getByRole('region', { name: 'Invite employees' });
    await invite.getByLabel('Email addresses').fill(`name,email\nEmma Employee,${employee}\n`);
    await invite.getByRole('button', { name: 'Send invitations' }).click();
    await expect(hr.getByText('Invitations sent: 1.')).toBeVisible();
    await expect(hr.getByRole('region', { name: /^Members/ })).toContainText(employee);
  });

  const context = await browser.newContext({ javaScriptEnabled: js, timezoneId: 'Atlantic/Reykjavik' });
  const page = await context.newPage();
  const mail = await waitForMail(employee, `${company} invites you to its Wellbeing Hub`);

  await test.step('the mail opens the hub: the professional, with a way to book', async () => {
    await page.goto(linkIn(mail.text, '/hub/'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${company} Wellbeing Hub`);
    await expect(page.getByRole('img', { name: `${company} logo` })).toBeVisible();
    if (js) {
      // the image itself loaded, for a visitor who isn't signed in
      const width = await page.getByRole('img', { name: `${company} logo` }).evaluate((img: HTMLImageElement) => img.naturalWidth);
      expect(width).toBeGreaterThan(0);
    }
    await expect(page.getByRole('link', { name: 'Create an account to claim your credits' })).toBeVisible();
    if (js) await hydrated(page);
    if (js) await audit(page);
    const name = js ? 'Dr. Hana Hub' : 'Dr. Nils Nojs';
    await page.getByRole('link', { name: `See times with ${name}` }).click();
  });

  await test.step('a time, then an account that claims the credits and pays with one', async () => {
    await expect(page.getByRole('link', { name: 'Back to the Wellbeing Hub' })).toBeVisible();
    if (js) await hydrated(page);
    await page.getByRole('region', { name: 'Pick a time for Counselling' }).getByRole('button', { name: /^Book / }).first().click();
    await expect(page).toHaveURL(/\/book\/confirm\?hold=/);
    await expect(page.getByTestId('hub-payment')).toHaveText(`Your account gets 6 credits from ${company}; this session uses 1.`);
    if (js) await hydrated(page);
    if (js) await audit(page);
    await page.getByLabel('Full name').fill('Emma Employee');
    await page.getByLabel('Email').fill(employee);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
    await page.getByRole('button', { name: 'Create account and book' }).click();
    await expect(page).toHaveURL(/\/appointments\/[a-z0-9]+$/);
    await expect(page.getByText(`Paid with credits from ${company}`)).toBeVisible();
  });

  await test.step('the dashboard: the booking on Home, the balance down, the way back to the hub', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Upcoming appointments' })).toContainText('Counselling');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
    await expect(page.getByTestId('credit-balance')).toHaveText('You have 5 credits. A session costs 1.');
    if (js) await audit(page);
    await page.getByRole('link', { name: `${company} Wellbeing Hub` }).click();
    await expect(page).toHaveURL(/\/hub\/[a-z0-9-]+$/);
    await expect(page.getByTestId('hub-balance')).toHaveText('You have 5 credits. A session costs 1.');
    if (js) await audit(page);
  });

  await test.step('HR sees a member, and nothing of what they booked', async () => {
    await hr.reload();
    const members = hr.getByRole('region', { name: /^Members/ });
    await expect(members).toContainText('Emma Employee');
    // who joined, never what they booked or with whom
    await expect(members).not.toContainText('Counselling');
    await expect(members).not.toContainText(js ? 'Dr. Hana Hub' : 'Dr. Nils Nojs');
    if (js) await audit(hr);
  });
  await context.close();
});

test('a hub link that leads nowhere says whom to ask', async ({ page }) => {
  await page.goto('/hub/no-such-company');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wellbeing Hub unavailable');
  await expect(page.getByText('If in doubt please contact your HR Team.')).toBeVisible();
  await page.goto('/hub/acme-e2e?invite=made-up');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wellbeing Hub unavailable');
  await audit(page);
});

test('someone with a work address asks for a link and claims the credits without booking', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = `${uniqueEmail('walt').split('@')[0]}@acme.example`;

  await test.step('the hub\'s "create an account" asks for a work address, and says the same whatever it is', async () => {
    await page.goto('/hub/acme-e2e');
    await page.getByRole('link', { name: 'Create an account to claim your credits' }).click();
    await expect(page).toHaveURL(/\/hub\/acme-e2e\/join/);
    await hydrated(page);
    await audit(page);
    await page.getByLabel('Your work email').fill(email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.getByText('If this address may join, we\'ve sent it a link.')).toBeVisible();
  });

  await test.step('the link leads to an account with the credits, and the icon back to the hub', async () => {
    const mail = await waitForMail(email, 'Acme invites you to its Wellbeing Hub');
    await page.goto(linkIn(mail.text, '/hub/acme-e2e?invite='));
    await page.getByRole('link', { name: 'Create an account to claim your credits' }).click();
    await hydrated(page);
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await audit(page);
    await page.getByLabel('Full name').fill('Walt Worker');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
    await page.getByRole('button', { name: 'Create an account to claim your credits' }).click();
    await expect(page).toHaveURL(/\/\?claimed=1$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Walt');
    await expect(page.getByText('Your credits are ready.')).toBeVisible();
    await page.getByRole('link', { name: 'Acme Wellbeing Hub' }).click();
    await expect(page.getByTestId('hub-balance')).toHaveText('You have 6 credits. A session costs 1.');
  });
  await context.close();
});
