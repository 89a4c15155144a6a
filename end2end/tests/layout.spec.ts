import { expect, test, type Page, type TestInfo } from './fixtures';
import { waitForMail } from './helpers';
import { Client, Professional, daysFromNowAt, hydrated } from './people';

/** A phone held upright, and a laptop. */
const WIDTHS = [375, 1280];

/**
 * What sticks out past the right edge of the screen: each visible element whose box ends beyond
 * it, unless it sits inside something that scrolls or clips sideways on purpose.
 */
function overflowing(): string[] {
  const width = document.documentElement.clientWidth;
  const clipped = (e: Element) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    }
    return false;
  };
  const found: string[] = [];
  for (const e of Array.from(document.body.querySelectorAll('*'))) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1 || clipped(e)) continue;
    const text = (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    found.push(`<${e.tagName.toLowerCase()} class="${e.className}"> "${text}" ends at ${Math.round(box.right)}px`);
  }
  if (document.documentElement.scrollWidth > width) {
    found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
  }
  return found;
}

/** The page as it is now fits the screen at each width; a full-page screenshot of each is kept. */
async function fits(page: Page, testInfo: TestInfo, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 740 : 900 });
    // every page is checked, and every page that doesn't fit is named, before the test fails
    expect.soft(await page.evaluate(overflowing), `${name} at ${width}px`).toEqual([]);
    const shot = testInfo.outputPath(`${name}-${width}px.png`);
    await page.screenshot({ fullPage: true, path: shot });
    await testInfo.attach(`${name}-${width}px`, { path: shot, contentType: 'image/png' });
  }
}

async function visit(page: Page, testInfo: TestInfo, path: string, name: string) {
  await page.goto(path);
  await hydrated(page);
  await fits(page, testInfo, name);
}

/** Switches the account's language on My profile (labels in whichever language it is in now). */
async function speak(page: Page, language: 'is' | 'en') {
  await page.goto('/profile');
  await hydrated(page);
  await page.locator('select[name="language"]').selectOption(language);
  await page.locator('form:has(select[name="language"]) button[type="submit"]').click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

for (const locale of ['en-GB', 'is-IS']) {
  test(`the public pages fit a phone and a laptop (${locale})`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    for (const path of [
      '/login',
      '/signup',
      '/signup?as=professional',
      '/forgot-password',
      '/reset-password?token=x',
      '/confirm-email?token=x',
      '/terms',
      '/join?token=x',
      '/hub/acme-e2e',
      '/hub/no-such-company',
      '/book/no-such-link',
    ]) {
      await visit(page, testInfo, path, `${locale}${path.replace(/[/?=]/g, '_')}`);
    }
    await context.close();
  });
}

test('every dashboard page fits a phone and a laptop, in English and in Icelandic', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const pro = await Professional.signUp(browser, 'Dr. Ada Augusta Lovelace-Byron', 'Atlantic/Reykjavik');
  await pro.addService({
    name: 'Individual therapy for couples and families',
    meetingType: 'video',
    length: '50',
    price: '12500',
    currency: 'ISK',
  });
  const invitee = Client.invitee('Bartholomew Fitzgerald-Montgomery');
  await pro.invite('Individual therapy for couples and families · ISK 12,500', daysFromNowAt(3, 14), invitee);
  const invitation = await waitForMail(invitee.email, 'Booked: Individual therapy');
  const client = await Client.fromInvitation(browser, invitee, invitation, 'America/New_York');
  const appointment = new URL(client.page.url()).pathname;
  await pro.openBooking(invitee.name);
  const booking = new URL(pro.page.url()).pathname;
  await pro.home();
  const service = await pro.page
    .getByRole('region', { name: 'Your services' })
    .getByRole('link', { name: /Individual therapy/ })
    .getAttribute('href');
  await pro.page.goto('/hours');
  await hydrated(pro.page);
  const link = new URL(await pro.page.getByRole('textbox', { name: 'Your booking link' }).inputValue()).pathname;

  for (const language of ['en', 'is'] as const) {
    if (language === 'is') {
      await speak(pro.page, 'is');
      await speak(client.page, 'is');
    }
    for (const [path, name] of [
      ['/', 'home'],
      [appointment, 'appointment'],
      ['/calendar', 'calendar'],
      ['/connections', 'connections'],
      ['/notifications', 'notifications'],
      ['/payments', 'payments'],
      ['/profile', 'profile'],
    ]) {
      await visit(client.page, testInfo, path, `client-${language}-${name}`);
    }
    // the account menu, opened, still fits
    await visit(client.page, testInfo, '/', `client-${language}-home`);
    await client.page.locator('.user-menu summary').click();
    await fits(client.page, testInfo, `client-${language}-menu`);
    // choosing a page from it closes it
    await client.page.locator('.user-menu .menu a[href="/profile"]').click();
    await expect(client.page).toHaveURL(/\/profile$/);
    await expect(client.page.locator('.user-menu .menu')).toBeHidden();
    for (const [path, name] of [
      ['/', 'home'],
      [booking, 'booking'],
      ['/hours', 'hours'],
      ['/calendar', 'calendar'],
      [service!, 'service'],
      ['/profile', 'profile'],
      ['/payments', 'payments'],
      ['/connections', 'connections'],
      ['/notifications', 'notifications'],
    ]) {
      await visit(pro.page, testInfo, path, `professional-${language}-${name}`);
    }
    // the professional's public booking page, as the client sees it
    await visit(client.page, testInfo, link, `client-${language}-booking-link`);
  }
  await client.close();
  await pro.close();
});
