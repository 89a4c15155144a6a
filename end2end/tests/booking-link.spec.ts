import { expect, test, type Browser, type Page } from './fixtures';
import { PASSWORD, audit, uniqueEmail } from './helpers';
import { Professional, hydrated } from './people';

/** The page fits a 375 px phone screen (nothing wider than it), then back to the desktop size. */
async function fitsPhone(page: Page) {
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 375, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} is wider than a phone`).toBeLessThanOrEqual(0);
  if (desktop) await page.setViewportSize(desktop);
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A professional with a service, bookable around the clock (so the test runs at any hour). */
async function bookable(browser: Browser) {
  const pro = await Professional.signUp(browser, 'Dr. Lin Link', 'Atlantic/Reykjavik');
  await pro.addService({ name: 'Counselling', meetingType: 'video', length: '50', price: '80', currency: 'EUR' });
  await pro.navigate('Booking link');
  const page = pro.page;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Booking link and hours');
  await hydrated(page);
  const hours = page.getByRole('region', { name: 'Working hours' });
  for (const day of DAYS) await hours.getByLabel(day, { exact: true }).fill('00:00-24:00');
  await hours.getByLabel('Minimum notice (hours)').fill('1');
  await hours.getByRole('button', { name: 'Save hours' }).click();
  await expect(page.getByText('Your hours are saved.')).toBeVisible();
  const preview = page.getByRole('region', { name: 'Your next two weeks, as clients see them' });
  await expect(preview.getByRole('listitem').first()).toBeVisible();
  const link = await page.getByRole('textbox', { name: 'Your booking link' }).inputValue();
  expect(link).toMatch(/\/book\/dr-lin-link(-\d+)?$/);
  await pro.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await audit(page);
  await fitsPhone(page);
  return { pro, path: new URL(link).pathname };
}

test('a visitor books from a professional\'s link, making their account on the way', async ({ browser }) => {
  const { pro, path } = await bookable(browser);
  const context = await browser.newContext({ timezoneId: 'America/New_York' });
  const page = await context.newPage();
  const email = uniqueEmail('vera');

  await test.step('the link shows the professional and, for a service, free times in the visitor\'s zone', async () => {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dr. Lin Link');
    await page.getByRole('link', { name: 'Counselling' }).click();
    await hydrated(page);
    const times = page.getByRole('region', { name: 'Pick a time for Counselling' });
    await expect(times).toContainText('Times are in your time zone (New York time). Dr. Lin Link works in Reykjavik time.');
    // the browser build converted them (with Intl, not a zone database of its own): each agrees
    // with Node's clock for the instant it books
    const slots = await times.locator('form').evaluateAll((forms) =>
      forms.map((f) => [
        (f.querySelector('input[name="starts_at"]') as HTMLInputElement).value,
        f.querySelector('button')!.textContent!.trim(),
      ]),
    );
    expect(slots.length).toBeGreaterThan(0);
    const newYork = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (const [at, shown] of slots) expect(shown, `the time shown for ${at}`).toBe(newYork.format(new Date(at)));
    await audit(page);
    await fitsPhone(page);
    await times.getByRole('button', { name: /^Book / }).first().click();
  });

  await test.step('the time is kept while they create their account, and then booked', async () => {
    await expect(page).toHaveURL(/\/book\/confirm\?hold=/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your booking');
    await expect(page.getByText('We keep this time for you until')).toBeVisible();
    await hydrated(page);
    await audit(page);
    await fitsPhone(page);
    await page.getByLabel('Full name').fill('Vera Visitor');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
    await page.getByRole('button', { name: 'Create account and book' }).click();
    await expect(page).toHaveURL(/\/appointments\/[a-z0-9]+$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Counselling');
  });

  await test.step('now a client, they book another time from the same link in one step', async () => {
    await page.goto(path);
    await page.getByRole('link', { name: 'Counselling' }).click();
    await hydrated(page);
    await page.getByRole('region', { name: 'Pick a time for Counselling' }).getByRole('button', { name: /^Book / }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your booking');
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await expect(page).toHaveURL(/\/appointments\/[a-z0-9]+$/);
    await page.goto('/');
    await expect(page.getByRole('region', { name: 'Upcoming appointments' }).getByRole('listitem')).toHaveCount(2);
  });

  await test.step('the professional sees the booking on Home and in their week', async () => {
    await pro.page.goto('/');
    await expect(pro.page.getByText('Vera Visitor').first()).toBeVisible();
    await pro.navigate('Calendar');
    await expect(pro.page.getByRole('heading', { level: 1 })).toHaveText('Your calendar');
    const week = pro.page.getByRole('region', { name: /^Week of / });
    // the booked time is within the next few days: this week or a following one
    for (let i = 0; i < 3 && !(await week.getByText('Vera Visitor').count()); i++) {
      await week.getByRole('link', { name: 'Next week' }).click();
    }
    await expect(week.getByRole('link', { name: /Vera Visitor/ }).first()).toBeVisible();
    await audit(pro.page);
    await fitsPhone(pro.page);
    await pro.page.getByRole('link', { name: 'Month', exact: true }).click();
    await expect(pro.page).toHaveURL(/view=month/);
    // the month of today, in the professional's zone (Reykjavik, UTC); on the last days of a
    // month the first free time is in the next one
    const booked = pro.page.getByRole('link', { name: /Vera Visitor/ }).first();
    const inThisMonth = await booked.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (!inThisMonth) {
      const now = new Date();
      const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
      await pro.page.goto(`/calendar?view=month&at=${nextMonth.toISOString().slice(0, 10)}`);
    }
    await expect(booked).toBeVisible();
  });
  await context.close();
});

test('a time someone else took meanwhile is refused with fresh times, and booking works without JavaScript', async ({ browser }) => {
  const { path } = await bookable(browser);
  const slow = await (await browser.newContext({ timezoneId: 'Europe/London' })).newPage();
  const quick = await (await browser.newContext({ javaScriptEnabled: false })).newPage();

  await slow.goto(path);
  await slow.getByRole('link', { name: 'Counselling' }).click();
  await hydrated(slow);
  const first = slow.getByRole('region', { name: 'Pick a time for Counselling' }).getByRole('button', { name: /^Book / }).first();
  const label = await first.getAttribute('aria-label');

  // someone without JavaScript takes the same time first, and books it with a new account
  await quick.goto(path);
  await quick.getByRole('link', { name: 'Counselling' }).click();
  await quick.getByRole('region', { name: 'Pick a time for Counselling' }).getByRole('button', { name: /^Book / }).first().click();
  await expect(quick).toHaveURL(/\/book\/confirm\?hold=/);
  await quick.getByLabel('Full name').fill('Quinn Quick');
  await quick.getByLabel('Email').fill(uniqueEmail('quinn'));
  await quick.getByLabel('Password').fill(PASSWORD);
  await quick.getByRole('checkbox', { name: /I accept the Terms/ }).check();
  await quick.getByRole('button', { name: 'Create account and book' }).click();
  await expect(quick).toHaveURL(/\/appointments\/[a-z0-9]+$/);

  // the slower visitor's pick of that time is refused in plain words
  await first.click();
  // the page comes back with fresh times, saying why
  await expect(slow).toHaveURL(/taken=1/);
  await expect(slow.getByRole('alert')).toContainText('Someone else has just taken this time. Pick another one.');
  await expect(slow.getByRole('button', { name: /^Book / }).first()).toBeVisible();
  await expect(slow.getByRole('button', { name: label! })).toHaveCount(0);
});

test('a professional changes a service and archives another, which their link no longer offers', async ({ browser }) => {
  const { pro, path } = await bookable(browser);
  await pro.page.goto('/');
  await pro.addService({ name: 'Old group', meetingType: 'phone', length: '90', price: '40', currency: 'EUR' });
  const page = pro.page;
  await page.goto('/');
  const services = page.getByRole('region', { name: 'Your services' });
  await services.getByRole('link', { name: 'Edit – Counselling' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Change a service');
  await expect(page.getByLabel('Service name')).toHaveValue('Counselling');
  await expect(page.getByLabel('Price')).toHaveValue('80');
  await hydrated(page);
  await audit(page);
  await page.getByLabel('Service name').fill('Counselling session');
  await page.getByLabel('Price').fill('95.50');
  await page.getByRole('button', { name: 'Save service' }).click();
  await expect(page.getByText('The service is changed.')).toBeVisible();
  await expect(services.getByRole('listitem').filter({ hasText: 'Counselling session' })).toContainText('€95.50');

  await hydrated(page);
  await services.getByRole('button', { name: 'Archive – Old group' }).click();
  await expect(services.getByText('Old group')).toHaveCount(0);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(path);
  await expect(visitor.getByRole('link', { name: 'Counselling session' })).toBeVisible();
  await expect(visitor.getByText('Old group')).toHaveCount(0);
});
