import { expect, test } from './fixtures';
import { PASSWORD, daysAhead, open, uniqueEmail } from './helpers';
import { Client, Professional, daysFromNowAt, local } from './people';

test('@forms a professional signs up, adds a service and books a client into it', async ({ page }, testInfo) => {
  await open(page, '/signup', testInfo);
  await page.getByRole('link', { name: 'Create a professional account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your professional account');
  if (testInfo.project.use.javaScriptEnabled !== false) {
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached({ timeout: 20_000 });
  }
  await page.getByLabel('Full name').fill('Dr. Ada Lovelace');
  await page.getByLabel('Email').fill(uniqueEmail('pro'));
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/$/);

  const services = page.getByRole('region', { name: 'Your services' });
  await expect(services.getByText('No services yet')).toBeVisible();

  // a price in krónur can't have decimals: said next to the field, nothing stored
  await services.getByLabel('Service name').fill('Individual therapy');
  await services.getByLabel('Meeting type').selectOption('video');
  await services.getByLabel('Length').selectOption('50');
  await services.getByLabel('Price').fill('12.5');
  await services.getByLabel('Currency').selectOption('ISK');
  await services.getByRole('button', { name: 'Add service' }).click();
  await expect(page.locator('#field-price-error')).toHaveText('This currency has no decimals.');
  await expect(services.getByText('No services yet')).toBeVisible();

  await services.getByLabel('Service name').fill('Individual therapy');
  await services.getByLabel('Price').fill('12500');
  await services.getByLabel('Currency').selectOption('ISK');
  await services.getByRole('button', { name: 'Add service' }).click();
  await expect(services.getByText('The service is added.')).toBeVisible();
  // the form starts afresh, so a second press doesn't add the same service again
  await expect(services.getByLabel('Service name')).toHaveValue('');
  await expect(services.getByLabel('Price')).toHaveValue('');
  const item = services.getByRole('listitem').filter({ hasText: 'Individual therapy' });
  await expect(item).toContainText('Video · 50 min · ISK 12,500');

  await page.reload();
  await expect(page.getByRole('region', { name: 'Your services' }).getByRole('listitem')).toContainText(
    'ISK 12,500',
  );
  if (testInfo.project.use.javaScriptEnabled !== false) {
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached({ timeout: 20_000 });
  }

  // book a client: the time is the professional's own wall-clock time
  const day = daysAhead(30);
  const sessions = page.getByRole('region', { name: 'Upcoming sessions' });
  await expect(sessions.getByText('No upcoming sessions')).toBeVisible();
  await sessions.getByLabel('Service').selectOption({ label: 'Individual therapy · ISK 12,500' });
  await sessions.getByLabel('Date').fill(day);
  // the browser's picker writes dates its own way: the day is also said in the page's words
  if (testInfo.project.use.javaScriptEnabled !== false) {
    await expect(sessions.locator('#field-date-reads')).toHaveText(local(new Date(`${day}T12:00:00Z`), 'UTC').long);
  }
  // times are on the 24-hour clock, as the rest of the app writes them
  await expect(sessions.getByLabel('Start time')).toHaveAttribute('placeholder', '14:30');
  await sessions.getByLabel('Start time').fill('10:00');
  await sessions.getByLabel('Client’s name').fill('Cy Client');
  await sessions.getByLabel('Client’s email').fill(uniqueEmail('client'));
  await sessions.getByRole('button', { name: 'Book and invite' }).click();
  await expect(sessions.getByText('The session is booked.')).toBeVisible();
  await expect(sessions.getByRole('listitem')).toContainText(`${day} at 10:00 · Cy Client`);
  for (const field of ['Date', 'Start time', 'Client’s name', 'Client’s email']) {
    await expect(sessions.getByLabel(field)).toHaveValue('');
  }

  // the same slot again is refused next to the time, and nothing is added
  await sessions.getByLabel('Service').selectOption({ label: 'Individual therapy · ISK 12,500' });
  await sessions.getByLabel('Date').fill(day);
  // typed without the colon, read all the same
  await sessions.getByLabel('Start time').fill('1030');
  await sessions.getByLabel('Client’s name').fill('Di Other');
  await sessions.getByLabel('Client’s email').fill(uniqueEmail('other'));
  await sessions.getByRole('button', { name: 'Book and invite' }).click();
  await expect(page.locator('#field-time-error')).toHaveText('You already have a session at that time.');
  await expect(sessions.getByRole('listitem')).toHaveCount(1);
});

test('a new professional’s first steps lead the way at the top of Home, and go once all are done', async ({ browser }) => {
  const pro = await Professional.signUp(browser, 'Dr. Fay First', 'Atlantic/Reykjavik');
  const page = pro.page;
  const steps = page.getByRole('region', { name: 'Get started' });
  await expect(steps).toContainText('0 of 4 done.');
  await expect(steps.getByRole('listitem')).toHaveText([
    'Tell clients about yourself',
    'Add a service',
    'Set your working hours',
    'Invite your first client',
  ]);
  // the booking form says what's missing, and leads to it
  await page.getByRole('link', { name: 'Add a service first' }).click();
  await expect(page).toHaveURL(/#services-heading$/);

  await pro.addService({ name: 'Counselling', meetingType: 'video', length: '50', price: '80', currency: 'EUR' });
  await expect(steps).toContainText('1 of 4 done.');
  await expect(steps.getByRole('listitem').nth(1)).toContainText('(done)');
  await pro.invite('Counselling · €80.00', daysFromNowAt(5, 12), Client.invitee('Cy Client'));
  await expect(steps).toContainText('2 of 4 done.');

  // hours on their own page; back on Home the step is done
  await steps.getByRole('link', { name: 'Set your working hours' }).click();
  await expect(page).toHaveURL(/\/hours$/);
  const hours = page.getByRole('region', { name: 'Working hours' });
  await hours.getByLabel('Monday', { exact: true }).fill('09:00-17:00');
  await hours.getByRole('button', { name: 'Save hours' }).click();
  await expect(page.getByText('Your hours are saved.')).toBeVisible();
  await pro.home();
  await expect(steps).toContainText('3 of 4 done.');

  await steps.getByRole('link', { name: 'Tell clients about yourself' }).click();
  await expect(page).toHaveURL(/\/profile#public-heading$/);
  await page.getByLabel('Title', { exact: true }).fill('Counsellor');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Your public profile is saved.')).toBeVisible();
  await pro.home();
  await expect(page.getByRole('region', { name: 'Upcoming sessions' })).toBeVisible();
  await expect(steps).toHaveCount(0);
  await pro.close();
});
