import { expect, test, type Browser, type Page } from './fixtures';
import { PASSWORD, audit, daysAhead, linkIn, signUp, uniqueEmail, waitForMail } from './helpers';
import { framesDecoded, joinAndTimeFirstFrame, recordPeerConnections, remoteWidth, seesVideo } from './video';

/** Date and time of `at` in `zone`, as our pages and forms write them. */
function local(at: Date, zone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return {
    date: iso, // 2031-03-31
    time: `${parts.hour}:${parts.minute}`, // 09:00
    long: `${parts.weekday} ${Number(parts.day)} ${parts.month} ${parts.year}`, // Monday 31 March 2031
  };
}

async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached({ timeout: 20_000 });
}

async function browserIn(browser: Browser, timezoneId: string) {
  const context = await browser.newContext({ timezoneId });
  await recordPeerConnections(context);
  return { context, page: await context.newPage() };
}

/** The camera and microphone check, and the room, of a session page. */
const check = (page: Page) => page.getByRole('region', { name: 'Check your camera and microphone' });
const inRoom = (page: Page) => page.getByRole('region', { name: 'Video session' });

async function invite(page: Page, start: { date: string; time: string }, name: string, email: string) {
  const sessions = page.getByRole('region', { name: 'Upcoming sessions' });
  await sessions.getByLabel('Service').selectOption({ label: 'Individual therapy · ISK 12,500' });
  await sessions.getByLabel('Date').fill(start.date);
  await sessions.getByLabel('Start time').fill(start.time);
  await sessions.getByLabel('Client’s name').fill(name);
  await sessions.getByLabel('Client’s email').fill(email);
  await sessions.getByRole('button', { name: 'Book and invite' }).click();
  await expect(sessions.getByText('The session is booked.')).toBeVisible();
}

test('a professional invites a new client, who joins from the email, finds everything on the dashboard, and meets them by video', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const proZone = 'Europe/London';
  const clientZone = 'America/New_York';
  const clientEmail = uniqueEmail('cy');

  // 1. the professional signs up, adds a service, and books the client a few minutes from now
  const pro = await browserIn(browser, proZone);
  await pro.page.goto('/signup?as=professional');
  await hydrated(pro.page);
  await pro.page.getByLabel('Full name').fill('Dr. Ada Lovelace');
  await pro.page.getByLabel('Email').fill(uniqueEmail('ada'));
  await pro.page.getByLabel('Password').fill(PASSWORD);
  await pro.page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
  await pro.page.getByRole('button', { name: 'Create account' }).click();
  await expect(pro.page).toHaveURL(/\/$/);
  await hydrated(pro.page);
  const services = pro.page.getByRole('region', { name: 'Your services' });
  await services.getByLabel('Service name').fill('Individual therapy');
  await services.getByLabel('Meeting type').selectOption('video');
  await services.getByLabel('Length').selectOption('50');
  await services.getByLabel('Price').fill('12500');
  await services.getByLabel('Currency').selectOption('ISK');
  await services.getByRole('button', { name: 'Add service' }).click();
  await expect(services.getByText('The service is added.')).toBeVisible();

  // starts in 8-9 minutes: inside the 10-minute join window already
  const soon = new Date(Math.ceil((Date.now() + 8 * 60_000) / 60_000) * 60_000);
  await invite(pro.page, local(soon, proZone), 'Cy Client', clientEmail);
  await expect(pro.page.getByRole('region', { name: 'Upcoming sessions' }).getByRole('listitem')).toContainText(
    `${local(soon, proZone).date} at ${local(soon, proZone).time} · Cy Client`,
  );

  // 2. the booking confirmation arrives over SMTP, with the details and a calendar file
  const mail = await waitForMail(clientEmail, 'Booked: Individual therapy with Dr. Ada Lovelace');
  expect(mail.text).toContain(`When: ${local(soon, proZone).long}, ${local(soon, proZone).time}`);
  expect(mail.text).toContain('(Europe/London)');
  expect(mail.text).toContain('Price: ISK 12,500');
  expect(mail.calendar).toContain('BEGIN:VEVENT');
  const dtstart = soon.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  expect(mail.calendar).toContain(`DTSTART:${dtstart}`);

  // 3. the client opens the link: a new account, the address already filled in and proven
  const client = await browserIn(browser, clientZone);
  await client.page.goto(linkIn(mail.text, '/join?token='));
  await hydrated(client.page);
  await expect(client.page.getByRole('heading', { level: 1 })).toHaveText('Create your account');
  await expect(client.page.getByLabel('Your email, from the invitation')).toHaveValue(clientEmail);
  await expect(client.page.getByLabel('Full name')).toHaveValue('Cy Client');
  await audit(client.page);
  await client.page.getByLabel('Password').fill(PASSWORD);
  await client.page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
  await client.page.getByRole('button', { name: 'Create account' }).click();
  await expect(client.page).toHaveURL(/\/appointments\/[a-z0-9]+$/);
  await expect(client.page.getByRole('heading', { level: 1 })).toHaveText('Individual therapy with Dr. Ada Lovelace');
  await expect(client.page.getByRole('link', { name: 'Join video session' })).toBeVisible();
  await audit(client.page);

  // 4. Home: the appointment in the client's own zone, with type and price, and Join open
  await client.page.getByRole('link', { name: 'Home', exact: true }).click();
  await expect(client.page).toHaveURL(/\/$/);
  const upcoming = client.page.getByRole('region', { name: 'Upcoming appointments' });
  const first = upcoming.getByRole('listitem').first();
  const seen = local(soon, clientZone);
  await expect(first).toContainText(`${seen.long}, ${seen.time}`);
  await expect(first).toContainText('Individual therapy with Dr. Ada Lovelace');
  await expect(first).toContainText('Video · 50 min · ISK 12,500');
  await expect(first.getByRole('link', { name: 'Join' })).toBeVisible();
  await expect(client.page.getByRole('group', { name: 'Calendar of your appointments' }).locator('td.booked')).toHaveAttribute(
    'aria-label',
    `${seen.date}: booked`,
  );
  await audit(client.page);

  // 5. a notification with the unread badge; Connections lists the professional
  const nav = client.page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: /Notifications \(1 unread\)/ })).toBeVisible();
  await nav.getByRole('link', { name: /Notifications/ }).click();
  const note = client.page.locator('.notification').first();
  await expect(note).toContainText('Dr. Ada Lovelace: Individual therapy booked for');
  await audit(client.page);
  await note.getByRole('button', { name: 'Mark as read' }).click();
  await expect(client.page.locator('.notification.unread')).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await nav.getByRole('link', { name: 'Connections' }).click();
  await expect(client.page.getByRole('heading', { name: 'Dr. Ada Lovelace', level: 2 })).toBeVisible();
  await expect(client.page.getByText('Your sessions with Dr. Ada Lovelace')).toBeVisible();
  await audit(client.page);

  // 6. a later invitation lands straight on the dashboard; its Join isn't open yet
  const later = new Date(Date.now() + 2 * 24 * 3600_000);
  later.setUTCHours(10, 0, 0, 0);
  await invite(pro.page, local(later, proZone), 'Cy Client', clientEmail);
  await client.page.getByRole('link', { name: 'Home', exact: true }).click();
  await client.page.reload();
  const items = client.page.getByRole('region', { name: 'Upcoming appointments' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  const opensAt = local(new Date(later.getTime() - 10 * 60_000), clientZone).time;
  await expect(items.nth(1)).toContainText(`Join opens at ${opensAt}`);
  await expect(items.nth(1).getByRole('link', { name: 'Join' })).toHaveCount(0);
  await expect(items.nth(0).getByRole('link', { name: 'Join' })).toBeVisible();
  // its room, opened early, says when it opens (and lets the camera be checked meanwhile)
  const laterDetails = await items.nth(1).getByRole('link', { name: 'Details' }).getAttribute('href');
  await client.page.goto(`${laterDetails}/join`);
  await expect(client.page.getByText(`The room opens at ${opensAt}.`)).toBeVisible();
  await expect(check(client.page).getByText('Your camera and microphone work.')).toBeVisible();
  await client.page.getByRole('link', { name: 'Home', exact: true }).click();

  // 7. Join leads to the camera and microphone check; the professional's page sees the client ready
  await items.nth(0).getByRole('link', { name: 'Join' }).click();
  await expect(client.page).toHaveURL(/\/appointments\/[a-z0-9]+\/join$/);
  const room = new URL(client.page.url()).pathname;
  const bookingId = room.split('/')[2];
  await expect(client.page.getByRole('heading', { level: 1 })).toHaveText('Video session with Dr. Ada Lovelace');
  await expect(check(client.page).getByText('Your camera and microphone work.')).toBeVisible();
  await expect.poll(() => client.page.locator('video.preview').evaluate((v) => (v as HTMLVideoElement).videoWidth)).toBeGreaterThan(0);
  await expect(check(client.page).getByLabel('Camera', { exact: true })).toBeVisible();
  await expect(check(client.page).getByLabel('Microphone', { exact: true })).toBeVisible();
  await expect(check(client.page).getByText("Dr. Ada Lovelace hasn't opened the session yet.")).toBeVisible();
  await audit(client.page);

  // the professional's Home says so too, with the way in
  const waitingOnHome = pro.page.locator('.waiting-clients');
  await expect(waitingOnHome).toContainText('Cy Client is ready to join.');
  await expect(waitingOnHome.getByRole('link', { name: 'Join session' })).toHaveAttribute('href', room);
  await audit(pro.page);

  // a browser that refuses the camera and microphone: the page says what to do, and won't join
  const denied = await pro.context.newPage();
  await denied.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await denied.goto(room);
  await expect(check(denied).getByRole('alert')).toContainText("Your browser isn't letting Tandem use your camera and microphone");
  await expect(check(denied).getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(check(denied).getByRole('button', { name: 'Join session' })).toBeDisabled();
  await denied.close();

  await pro.page.goto(`/appointments/${bookingId}`);
  await pro.page.getByRole('link', { name: 'Join video session' }).click();
  await expect(pro.page).toHaveURL(room);
  await expect(check(pro.page).getByText('Cy Client is ready to join.')).toBeVisible();
  await expect(check(client.page).getByText('Dr. Ada Lovelace is ready to join.')).toBeVisible();

  // 8. the client goes in first and waits; the professional joins; each sees the other's video
  await client.page.getByRole('button', { name: 'Join session' }).click();
  await expect(inRoom(client.page).getByText('Waiting for Dr. Ada Lovelace')).toBeVisible();
  await expect(check(pro.page).getByText('Cy Client is in the session, waiting for you.')).toBeVisible();
  const joinMs = await joinAndTimeFirstFrame(pro.page);
  console.log(`click on "Join session" to the first decoded remote frame: ${joinMs} ms`);
  testInfo.annotations.push({ type: 'join-to-first-frame-ms', description: String(joinMs) });
  await seesVideo(pro.page, 'professional');
  await seesVideo(client.page, 'client');
  for (const page of [pro.page, client.page]) {
    await expect(inRoom(page).getByText('Connection: Connected')).toBeVisible();
    await expect(page.locator('.room-stage .waiting')).toBeHidden();
  }
  await audit(pro.page);

  // 9. someone who isn't in the booking gets nowhere near the room
  const eve = await browserIn(browser, 'UTC');
  await signUp(eve.page, testInfo, 'Eve Outsider', uniqueEmail('eve'));
  await expect(eve.page).toHaveURL(/\/$/);
  await eve.page.goto(room);
  await expect(eve.page.getByRole('alert')).toContainText("doesn't exist");
  await expect(eve.page.locator('video')).toHaveCount(0);
  const refused = await eve.page.request.post('/api/join_room', {
    form: { id: bookingId, offer: 'v=0' },
    headers: { origin: new URL(pro.page.url()).origin },
  });
  expect(refused.status()).toBe(404);
  await eve.context.close();

  // 10. the client reloads: back in the same room by themselves, and both see video again
  const reloadedAt = Date.now();
  await client.page.reload();
  await expect.poll(() => remoteWidth(client.page), { timeout: 15_000 }).toBeGreaterThan(0);
  console.log(`reload to the first decoded remote frame again: ${Date.now() - reloadedAt} ms`);
  await seesVideo(client.page, 'client after reloading');
  await seesVideo(pro.page, 'professional after the client reloaded');

  // 11. another microphone in the middle of the call: it is what the call sends from now on
  await inRoom(client.page).getByText('Change camera or microphone').click();
  const mic = inRoom(client.page).getByLabel('Microphone', { exact: true });
  const mics = await mic.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const otherMic = mics.find((id) => id !== 'default' && id !== '');
  expect(otherMic, `another microphone among ${mics}`).toBeDefined();
  await mic.selectOption(otherMic!);
  const sendingFrom = () =>
    client.page.evaluate(() => {
      const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
      const audio = pcs[pcs.length - 1].getSenders().find((s) => s.track?.kind === 'audio');
      return audio?.track?.getSettings().deviceId;
    });
  await expect.poll(sendingFrom).toBe(otherMic);
  await expect(mic).toHaveValue(otherMic!);
  await seesVideo(pro.page, 'professional after the client changed microphone');

  // 12. mute, camera off, and leave: the professional sees the client go
  const controls = client.page.getByRole('group', { name: 'Call controls' });
  await controls.getByRole('button', { name: 'Mute' }).click();
  await expect(controls.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await controls.getByRole('button', { name: 'Turn camera off' }).click();
  await expect(controls.getByRole('button', { name: 'Turn camera on' })).toBeVisible();
  await controls.getByRole('button', { name: 'Leave' }).click();
  await expect(client.page.getByRole('heading', { name: 'You have left the session' })).toBeVisible();
  await expect(inRoom(pro.page).getByText('Waiting for Cy Client')).toBeVisible();
  expect(await framesDecoded(pro.page)).toBeGreaterThan(0);

  await pro.context.close();
  await client.context.close();
});

test('@forms the emailed link makes the account, with or without JavaScript', async ({ browser, baseURL }, testInfo) => {
  // the professional's part, through the same server functions the pages call
  const proContext = await browser.newContext();
  const api = proContext.request;
  const headers = { origin: baseURL! };
  const form = (data: Record<string, string>) => ({ headers, form: data });
  expect(
    (
      await api.post('/api/sign_up', form({
        name: 'Dr. Bo Baker',
        email: uniqueEmail('bo'),
        password: PASSWORD,
        accept_terms: 'yes',
        role: 'professional',
        timezone: 'UTC',
      }))
    ).status(),
  ).toBe(200);
  const service = await (
    await api.post('/api/create_service', form({
      service_name: 'Coaching',
      meeting_type: 'phone',
      length: '30',
      price: '95.50',
      currency: 'EUR',
    }))
  ).json();
  const email = uniqueEmail('di');
  const booked = await api.post('/api/invite_client', form({
    service: service.id,
    date: daysAhead(30),
    time: '09:30',
    client_name: 'Di Client',
    client_email: email,
  }));
  expect(booked.status()).toBe(200);
  await proContext.close();

  const mail = await waitForMail(email, 'Booked: Coaching with Dr. Bo Baker');
  const context = await browser.newContext({ javaScriptEnabled: testInfo.project.use.javaScriptEnabled !== false });
  const page = await context.newPage();
  await page.goto(linkIn(mail.text, '/join?token='));
  if (testInfo.project.use.javaScriptEnabled !== false) await hydrated(page);
  // a missing password is said next to the field, and nothing is made
  await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#field-password-error')).toHaveText('Enter a password.');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/appointments\/[a-z0-9]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coaching with Dr. Bo Baker');
  await expect(page.getByText('Phone · 30 min')).toBeVisible();
  await expect(page.getByText('€95.50')).toBeVisible();
  await context.close();
});
