import { expect, test } from './fixtures';
import { Professional, hydrated } from './people';

test('screenshots', async ({ browser }) => {
  const pro = await Professional.signUp(browser, 'Dr. Shot Taker', 'Atlantic/Reykjavik');
  await pro.addService({ name: 'Counselling', meetingType: 'video', length: '50', price: '80', currency: 'EUR' });
  await pro.navigate('Booking link');
  await hydrated(pro.page);
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await pro.page.getByLabel(day, { exact: true }).fill('09:00-12:00, 13:00-17:00');
  await pro.page.getByRole('button', { name: 'Save hours' }).click();
  await expect(pro.page.getByText('Your hours are saved.')).toBeVisible();
  const link = await pro.page.getByRole('textbox', { name: 'Your booking link' }).inputValue();
  for (const [w, h] of [[1280, 900], [375, 740]]) {
    await pro.page.setViewportSize({ width: w, height: h });
    await pro.page.screenshot({ path: `/tmp/shots/hours-${w}.png`, fullPage: true });
  }
  const v = await (await browser.newContext({ timezoneId: 'America/New_York' })).newPage();
  await v.goto(new URL(link).pathname);
  await v.getByRole('link', { name: 'Counselling' }).click();
  await hydrated(v);
  for (const [w, h] of [[1280, 900], [375, 740]]) {
    await v.setViewportSize({ width: w, height: h });
    await v.screenshot({ path: `/tmp/shots/book-${w}.png` });
  }
  await v.getByRole('button', { name: /^Book / }).first().click();
  await expect(v).toHaveURL(/confirm/);
  await hydrated(v);
  for (const [w, h] of [[1280, 900], [375, 740]]) {
    await v.setViewportSize({ width: w, height: h });
    await v.screenshot({ path: `/tmp/shots/confirm-${w}.png`, fullPage: true });
  }
  await pro.page.goto('/calendar');
  for (const [w, h] of [[1280, 900], [375, 740]]) {
    await pro.page.setViewportSize({ width: w, height: h });
    await pro.page.screenshot({ path: `/tmp/shots/calendar-${w}.png`, fullPage: true });
  }
});
