import { expect, test, type Browser } from './fixtures';
import { audit, readMail, waitForMail } from './helpers';
import { Client, Professional, daysFromNowAt } from './people';

const SERVICE = 'Counselling · €80.00';

/** A professional with one service, and a client booked by them who has made their account. */
async function booked(browser: Browser, at: Date) {
  const pro = await Professional.signUp(browser, 'Dr. Ann Archer');
  await pro.addService({ name: 'Counselling', meetingType: 'video', length: '50', price: '80', currency: 'EUR' });
  const invitee = Client.invitee('Cy Client');
  await pro.invite(SERVICE, at, invitee);
  const invitation = await waitForMail(invitee.email, 'Booked: Counselling with Dr. Ann Archer');
  const client = await Client.fromInvitation(browser, invitee, invitation);
  return { pro, client };
}

test('a client cancels before the cut-off: it moves to past and cancelled, and the professional is told', async ({ browser }) => {
  const at = daysFromNowAt(30, 10);
  const { pro, client } = await booked(browser, at);

  const bill = () => client.page.getByRole('region', { name: 'Bills' }).getByRole('listitem');
  await test.step('Payments shows the session’s bill, to pay', async () => {
    await client.navigate('Payments');
    await expect(bill()).toHaveCount(1);
    await expect(bill()).toContainText('Counselling with Dr. Ann Archer');
    await expect(bill()).toContainText(`${client.sees(at).long}, ${client.sees(at).time}`);
    await expect(bill()).toContainText('€80.00');
    await expect(bill()).toContainText('To pay');
    await audit(client.page);
    await bill().getByRole('link', { name: 'Counselling with Dr. Ann Archer' }).click();
    await expect(client.page).toHaveURL(/\/appointments\/[a-z0-9]+$/);
  });

  await test.step('the client cancels from the appointment page', async () => {
    const cancel = client.page.getByRole('region', { name: 'Cancel this appointment' });
    await expect(cancel).toContainText('You can cancel until');
    await cancel.getByRole('button', { name: 'Cancel appointment' }).click();
    await expect(client.page.getByText('The appointment is cancelled.')).toBeVisible();
    await expect(client.page.getByText('Cancelled by the client.')).toBeVisible();
    await expect(client.page.getByRole('region', { name: 'Cancel this appointment' })).toHaveCount(0);
    await expect(client.page.getByText('Join video session')).toHaveAttribute('aria-disabled', 'true');
    await audit(client.page);
  });

  await test.step('its bill has nothing left to pay', async () => {
    await client.navigate('Payments');
    await expect(bill()).toContainText('Nothing to pay');
  });

  await test.step('Home lists it under past and cancelled, not upcoming', async () => {
    await client.home();
    await expect(client.upcoming().getByText('No upcoming appointments')).toBeVisible();
    const past = await client.past();
    const item = past.getByRole('listitem');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(`${client.sees(at).long}, ${client.sees(at).time}`);
    await expect(item).toContainText('Counselling with Dr. Ann Archer');
    await expect(item).toContainText('Cancelled');
    await audit(client.page);
  });

  await test.step('the professional gets the mail, the notification, and a free calendar', async () => {
    const mail = await pro.mail('Cancelled by Cy Client: Counselling on');
    expect(mail.text).toContain('Cy Client has cancelled this session.');
    await pro.page.reload();
    await pro.navigate(/Notifications \(1 unread\)/);
    await expect(pro.page.locator('.notification').first()).toContainText('Counselling on');
    await expect(pro.page.locator('.notification').first()).toContainText('was cancelled');
    await pro.home();
    await expect(pro.page.getByRole('region', { name: 'Upcoming sessions' }).getByText('No upcoming sessions')).toBeVisible();
  });

  await pro.close();
  await client.close();
});

test('a professional moves a session: the client sees the new time and gets the new calendar entry', async ({ browser }) => {
  const at = daysFromNowAt(30, 10);
  const to = daysFromNowAt(31, 14, 30);
  const { pro, client } = await booked(browser, at);

  await test.step('the professional moves it from the appointment page', async () => {
    await pro.openBooking('Cy Client');
    const move = pro.page.getByRole('region', { name: 'Move this session' });
    await expect(move.getByLabel('Date')).toHaveValue(pro.sees(at).date);
    await expect(move.getByLabel('Start time')).toHaveValue(pro.sees(at).time);
    // a date in the past is refused next to its field, and nothing moves
    await move.getByLabel('Date').fill('2020-01-01');
    await move.getByRole('button', { name: 'Move session' }).click();
    await expect(move.locator('#field-time-error')).toContainText('That time has passed');
    await move.getByLabel('Date').fill(pro.sees(to).date);
    await move.getByLabel('Start time').fill(pro.sees(to).time);
    await move.getByRole('button', { name: 'Move session' }).click();
    await expect(pro.page.getByText('The session is moved. Your client has been told.')).toBeVisible();
    await expect(pro.page.getByRole('region', { name: 'Move this session' }).getByLabel('Start time')).toHaveValue(pro.sees(to).time);
    await audit(pro.page);
  });

  await test.step('the professional waives its bill', async () => {
    const bill = pro.page.getByRole('region', { name: 'Bill' });
    await expect(bill).toContainText('€80.00 · To pay');
    await bill.getByRole('button', { name: 'Waive this bill' }).click();
    await expect(pro.page.getByText('The bill is waived: your client has nothing to pay.')).toBeVisible();
    await expect(pro.page.getByRole('region', { name: 'Bill' })).toContainText('Nothing to pay');
    await expect(pro.page.getByRole('button', { name: 'Waive this bill' })).toHaveCount(0);
    await audit(pro.page);
    // their Payments: nothing billed that month, and the bill let go
    await pro.navigate('Payments');
    await expect(pro.page.getByRole('region', { name: 'Billing' })).toContainText('Nothing billed yet');
    const bills = pro.page.getByRole('region', { name: 'Bills' }).getByRole('listitem');
    await expect(bills).toHaveCount(1);
    await expect(bills).toContainText('Counselling with Cy Client');
    await expect(bills).toContainText('Nothing to pay');
    await audit(pro.page);
  });

  await test.step('the client is mailed the new time with a calendar update', async () => {
    const mail = await client.mail(`New time: Counselling with Dr. Ann Archer on ${client.sees(to).long} at ${client.sees(to).time}`);
    expect(mail.calendar).toContain('SEQUENCE:1');
    const dtstart = to.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(mail.calendar).toContain(`DTSTART:${dtstart}`);
  });

  await test.step('the client’s Payments has nothing to pay', async () => {
    await client.navigate('Payments');
    const bill = client.page.getByRole('region', { name: 'Bills' }).getByRole('listitem');
    await expect(bill).toContainText(`${client.sees(to).long}, ${client.sees(to).time}`);
    await expect(bill).toContainText('Nothing to pay');
  });

  await test.step('the client’s Home and notifications show the new time', async () => {
    await client.home();
    const item = client.upcoming().getByRole('listitem');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(`${client.sees(to).long}, ${client.sees(to).time}`);
    // the header's badge is read with each page load
    await client.page.reload();
    await client.navigate(/Notifications \(2 unread\)/);
    await expect(client.page.locator('.notification').first()).toContainText(
      `Dr. Ann Archer: Counselling moved to ${client.sees(to).long} at ${client.sees(to).time}`,
    );
  });

  await pro.close();
  await client.close();
});

test('email choices are kept, and a change the client opted out of comes in the app only', async ({ browser }) => {
  const at = daysFromNowAt(30, 10);
  const to = daysFromNowAt(32, 9);
  const { pro, client } = await booked(browser, at);

  await test.step('the client turns off mail about changes', async () => {
    await client.navigate(/Notifications/);
    const emails = client.page.getByRole('region', { name: 'Emails' });
    const updates = emails.getByLabel('Changes and cancellations');
    await expect(updates).toBeChecked();
    await expect(emails.getByLabel('Reminders before my appointments')).toBeChecked();
    await updates.uncheck();
    await emails.getByRole('button', { name: 'Save email choices' }).click();
    await expect(emails.getByRole('status')).toContainText('Your email choices are saved.');
    await client.page.reload();
    await expect(client.page.getByRole('region', { name: 'Emails' }).getByLabel('Changes and cancellations')).not.toBeChecked();
    await expect(client.page.getByRole('region', { name: 'Emails' }).getByLabel('Reminders before my appointments')).toBeChecked();
    await audit(client.page);
  });

  await test.step('a move reaches the client in the app, not by mail', async () => {
    await pro.openBooking('Cy Client');
    const move = pro.page.getByRole('region', { name: 'Move this session' });
    await move.getByLabel('Date').fill(pro.sees(to).date);
    await move.getByLabel('Start time').fill(pro.sees(to).time);
    await move.getByRole('button', { name: 'Move session' }).click();
    await expect(pro.page.getByText('The session is moved. Your client has been told.')).toBeVisible();
    await client.page.reload();
    await expect(client.page.locator('.notification').first()).toContainText('Counselling moved to');

    // the client cancels, which the professional is mailed about: once that mail has come, the
    // move's mail would have come before it, had it been sent
    await client.home();
    await client.upcoming().getByRole('link', { name: 'Details' }).click();
    await client.page.getByRole('button', { name: 'Cancel appointment' }).click();
    await expect(client.page.getByText('The appointment is cancelled.')).toBeVisible();
    await pro.mail('Cancelled by Cy Client');
    const toClient = (await readMail()).filter((m) => m.to.includes(client.email)).map((m) => m.subject);
    expect(toClient).toHaveLength(1);
    expect(toClient[0]).toMatch(/^Booked: Counselling/);
  });

  await pro.close();
  await client.close();
});

test('the client writes to the professional from the appointment; the mail leads back, where the answer goes the same way', async ({ browser }) => {
  const { pro, client } = await booked(browser, daysFromNowAt(20, 11));
  const page = client.page;
  // the About panel says when the professional has published nothing yet
  await expect(page.getByRole('region', { name: 'About Dr. Ann Archer' })).toContainText('Dr. Ann Archer hasn’t written about themselves yet.');

  const panel = page.getByRole('region', { name: 'Send Dr. Ann Archer a message' });
  // nothing written: said next to the field, nothing sent
  await panel.getByRole('button', { name: 'Send message' }).click();
  await expect(page.locator('#field-message-error')).toHaveText('Write your message first.');

  await panel.getByLabel('Your message').fill('Could we meet by phone instead?\nThe connection at home is poor.');
  await panel.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByText('Your message is sent.')).toBeVisible();

  const mail = await waitForMail(pro.email, 'A message from Cy Client about Counselling');
  expect(mail.text).toContain('Could we meet by phone instead?\nThe connection at home is poor.');
  expect(mail.text).not.toContain(client.email);
  const link = new URL(mail.text.split(/\s+/).find((w) => w.includes('/appointments/'))!);
  await pro.page.goto(link.pathname);
  await expect(pro.page.getByRole('heading', { level: 1 })).toContainText('Counselling with Cy Client');
  const answer = pro.page.getByRole('region', { name: 'Send Cy Client a message' });
  await answer.getByLabel('Your message').fill('Of course: I will call you.');
  await answer.getByRole('button', { name: 'Send message' }).click();
  await expect(pro.page.getByText('Your message is sent.')).toBeVisible();
  const back = await waitForMail(client.email, 'A message from Dr. Ann Archer about Counselling');
  expect(back.text).toContain('Of course: I will call you.');
  expect(back.text).not.toContain(pro.email);
  await pro.close();
  await client.close();
});
