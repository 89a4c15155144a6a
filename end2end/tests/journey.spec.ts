import { expect, test, type Page } from './fixtures';
import { PASSWORD, audit, daysAhead, linkIn, signUp, uniqueEmail, waitForMail } from './helpers';
import { Client, Professional, daysFromNowAt, hydrated, local } from './people';
import { callFillsScreen, framesDecoded, joinAndTimeFirstFrame, remoteWidth, seesVideo } from './video';

/** The camera and microphone check, and the room, of a session page. */
const check = (page: Page) => page.getByRole('region', { name: 'Check your camera and microphone' });
const inRoom = (page: Page) => page.getByRole('region', { name: 'Video session' });

test('a professional invites a new client, who joins from the email, finds everything on the dashboard, and meets them by video', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const SERVICE = 'Individual therapy · ISK 12,500';
  const invitee = Client.invitee('Cy Client');
  // starts in 8-9 minutes: inside the 10-minute join window already
  const soon = new Date(Math.ceil((Date.now() + 8 * 60_000) / 60_000) * 60_000);
  const pro = await Professional.signUp(browser, 'Dr. Ada Lovelace', 'Europe/London');

  await test.step('the professional adds a service and books the client a few minutes from now', async () => {
    await pro.addService({ name: 'Individual therapy', meetingType: 'video', length: '50', price: '12500', currency: 'ISK' });
    await pro.invite(SERVICE, soon, invitee);
    await expect(pro.page.getByRole('region', { name: 'Upcoming sessions' }).getByRole('listitem')).toContainText(
      `${pro.sees(soon).date} at ${pro.sees(soon).time} · Cy Client`,
    );
  });

  const mail = await test.step('the booking confirmation arrives over SMTP, with the details and a calendar file', async () => {
    const mail = await waitForMail(invitee.email, 'Booked: Individual therapy with Dr. Ada Lovelace');
    expect(mail.text).toContain(`When: ${pro.sees(soon).long}, ${pro.sees(soon).time}`);
    expect(mail.text).toContain('(London time)');
    expect(mail.text).toContain('Price: ISK 12,500');
    expect(mail.calendar).toContain('BEGIN:VEVENT');
    const dtstart = soon.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(mail.calendar).toContain(`DTSTART:${dtstart}`);
    return mail;
  });

  const client = await test.step('the client opens the link and makes an account, the address already proven', async () => {
    // the sign-up page shows the booking in the browser's zone: New York, where the mail said London
    const there = local(soon, 'America/New_York');
    const client = await Client.fromInvitation(browser, invitee, mail, 'America/New_York', {
      audit: true,
      booking: ['Individual therapy · Video · 50 min', 'Dr. Ada Lovelace', `${there.long}, ${there.time}`, '(New York time)'],
    });
    await expect(client.page.getByRole('heading', { level: 1 })).toHaveText('Individual therapy with Dr. Ada Lovelace');
    await expect(client.page.getByRole('link', { name: 'Join video session' })).toBeVisible();
    await audit(client.page);
    return client;
  });

  await test.step('Home shows the appointment in the client’s own zone, with type and price, and Join open', async () => {
    await client.home();
    const first = client.upcoming().getByRole('listitem').first();
    const seen = client.sees(soon);
    await expect(first).toContainText(`${seen.long}, ${seen.time}`);
    await expect(first).toContainText('Individual therapy with Dr. Ada Lovelace');
    await expect(first).toContainText('Video · 50 min · ISK 12,500');
    await expect(first.getByRole('link', { name: 'Join' })).toBeVisible();
    await expect(client.page.getByRole('group', { name: 'Calendar of your appointments' }).locator('td.booked')).toHaveAttribute(
      'aria-label',
      `${seen.date}: booked`,
    );
    await audit(client.page);
  });

  await test.step('a notification with the unread badge; Connections lists the professional', async () => {
    const nav = client.page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: /Notifications \(1 unread\)/ })).toBeVisible();
    await client.navigate(/Notifications/);
    const note = client.page.locator('.notification').first();
    await expect(note).toContainText('Dr. Ada Lovelace: Individual therapy booked for');
    await audit(client.page);
    await note.getByRole('button', { name: 'Mark as read' }).click();
    await expect(client.page.locator('.notification.unread')).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
    await client.navigate('Connections');
    await expect(client.page.getByRole('heading', { name: 'Dr. Ada Lovelace', level: 2 })).toBeVisible();
    await expect(client.page.getByText('Your sessions with Dr. Ada Lovelace')).toBeVisible();
    await audit(client.page);
  });

  const items = client.upcoming().getByRole('listitem');
  await test.step('a later invitation lands straight on the dashboard; its Join and room are not open yet', async () => {
    const later = daysFromNowAt(2, 10);
    await pro.invite(SERVICE, later, invitee);
    await client.home();
    await client.page.reload();
    await expect(items).toHaveCount(2);
    const opensAt = client.sees(new Date(later.getTime() - 10 * 60_000)).time;
    await expect(items.nth(1)).toContainText(`Join opens at ${opensAt}`);
    await expect(items.nth(1).getByRole('link', { name: 'Join' })).toHaveCount(0);
    await expect(items.nth(0).getByRole('link', { name: 'Join' })).toBeVisible();
    // its room, opened early, says when it opens (and lets the camera be checked meanwhile)
    const laterDetails = await items.nth(1).getByRole('link', { name: 'Details' }).getAttribute('href');
    await client.page.goto(`${laterDetails}/join`);
    await expect(client.page.getByText(`The room opens at ${opensAt}.`)).toBeVisible();
    await expect(check(client.page).getByText('Your camera and microphone work.')).toBeVisible();
    await client.home();
  });

  const room = await test.step('Join leads to the camera and microphone check; the professional sees the client ready', async () => {
    await items.nth(0).getByRole('link', { name: 'Join' }).click();
    await expect(client.page).toHaveURL(/\/appointments\/[a-z0-9]+\/join$/);
    const room = new URL(client.page.url()).pathname;
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
    return room;
  });
  const bookingId = room.split('/')[2];

  await test.step('a browser that refuses the camera and microphone says what to do, and won’t join', async () => {
    const denied = await pro.context.newPage();
    await denied.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await denied.goto(room);
    await expect(check(denied).getByRole('alert')).toContainText("Your browser isn't letting Tandem use your camera and microphone");
    await expect(check(denied).getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(check(denied).getByRole('button', { name: 'Join session' })).toBeDisabled();
    await denied.close();
  });

  await test.step('the client goes in first and waits; the professional joins; each sees the other’s video', async () => {
    await pro.page.goto(`/appointments/${bookingId}`);
    await pro.page.getByRole('link', { name: 'Join video session' }).click();
    await expect(pro.page).toHaveURL(room);
    await expect(check(pro.page).getByText('Cy Client is ready to join.')).toBeVisible();
    await expect(check(client.page).getByText('Dr. Ada Lovelace is ready to join.')).toBeVisible();

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
  });

  await test.step('on a phone, upright and on its side, the call fills the screen with its controls over the video', async () => {
    const desk = client.page.viewportSize()!;
    for (const size of [{ width: 375, height: 740 }, { width: 740, height: 375 }]) {
      await callFillsScreen(client.page, size);
      const shot = testInfo.outputPath(`call-${size.width}x${size.height}.png`);
      await client.page.screenshot({ path: shot });
      await testInfo.attach(`call ${size.width}×${size.height}`, { path: shot, contentType: 'image/png' });
    }
    await seesVideo(client.page, 'client on a phone');
    await client.page.setViewportSize(desk);
  });

  await test.step('someone who isn’t in the booking gets nowhere near the room', async () => {
    const eve = await browser.newContext({ timezoneId: 'UTC' });
    const evePage = await eve.newPage();
    await signUp(evePage, testInfo, 'Eve Outsider', uniqueEmail('eve'));
    await expect(evePage).toHaveURL(/\/$/);
    await evePage.goto(room);
    await expect(evePage.getByRole('alert')).toContainText("doesn't exist");
    await expect(evePage.locator('video')).toHaveCount(0);
    const refused = await evePage.request.post('/api/join_room', {
      form: { id: bookingId, offer: 'v=0' },
      headers: { origin: new URL(pro.page.url()).origin },
    });
    expect(refused.status()).toBe(404);
    await eve.close();
  });

  await test.step('the client reloads: back in the same room by themselves, and both see video again', async () => {
    const reloadedAt = Date.now();
    await client.page.reload();
    await expect.poll(() => remoteWidth(client.page), { timeout: 15_000 }).toBeGreaterThan(0);
    console.log(`reload to the first decoded remote frame again: ${Date.now() - reloadedAt} ms`);
    await seesVideo(client.page, 'client after reloading');
    await seesVideo(pro.page, 'professional after the client reloaded');
  });

  await test.step('another microphone in the middle of the call is what the call sends from then on', async () => {
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
  });

  await test.step('mute, camera off, and leave: the professional sees the client go', async () => {
    const controls = client.page.getByRole('group', { name: 'Call controls' });
    await controls.getByRole('button', { name: 'Mute' }).click();
    await expect(controls.getByRole('button', { name: 'Unmute' })).toBeVisible();
    await controls.getByRole('button', { name: 'Turn camera off' }).click();
    await expect(controls.getByRole('button', { name: 'Turn camera on' })).toBeVisible();
    await controls.getByRole('button', { name: 'Leave' }).click();
    await expect(client.page.getByRole('heading', { name: 'You have left the session' })).toBeVisible();
    await expect(inRoom(pro.page).getByText('Waiting for Cy Client')).toBeVisible();
    expect(await framesDecoded(pro.page)).toBeGreaterThan(0);
  });

  await pro.close();
  await client.close();
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
  await expect(page.getByText('€95.50', { exact: true })).toBeVisible();
  // its bill, on the appointment
  await expect(page.getByRole('region', { name: 'Bill' })).toContainText('€95.50 · To pay');
  await context.close();
});
