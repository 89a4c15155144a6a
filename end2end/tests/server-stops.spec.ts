import { expect, test } from './fixtures';
import { sessionSoon } from './people';
import { seesVideo } from './video';

// With several app servers, a heartbeat from a call whose server has stopped is refused with
// `RoomMoved` by whichever server takes it (server/tests/two_servers.rs proves that, with two
// real servers). The browser tests run one server, so here the client's next heartbeat gets that
// answer as the others would give it; what is tried is what the page does with it.
test('when the server carrying the call stops, the page says so and joins again at once', async ({ browser }) => {
  test.setTimeout(120_000);
  const { pro, client, booking } = await sessionSoon(browser, 'Mo Moved');
  for (const person of [pro, client]) {
    await person.page.goto(`/appointments/${booking}/join`);
    await person.page.getByRole('button', { name: 'Join session' }).click();
  }
  await seesVideo(pro.page, 'professional');
  await seesVideo(client.page, 'client');

  // the line changes and may change back within a moment (a join on loopback is quick): every
  // text it shows is kept, as a screen reader hears each one
  await client.page.evaluate(() => {
    const line = document.querySelector('.link-state')!;
    const shown: string[] = [];
    (window as unknown as { linkTexts: string[] }).linkTexts = shown;
    new MutationObserver(() => shown.push(line.textContent ?? '')).observe(line, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  const shown = () => client.page.evaluate(() => (window as unknown as { linkTexts: string[] }).linkTexts);
  let offers = 0;
  client.page.on('request', (r) => {
    if (r.url().endsWith('/api/join_room') && (r.postData() ?? '').includes('offer=')) offers += 1;
  });
  await client.page.route(
    '**/api/room_heartbeat',
    (route) => route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ Refused: 'RoomMoved' }) }),
    { times: 1 },
  );
  const link = client.page.getByRole('status').filter({ hasText: 'Connection:' });
  await expect
    .poll(shown)
    .toContain('Connection: The video server of this call has stopped. Moving you to another one…');
  // a new offer at once, not after the old connection times out
  await expect.poll(() => offers, { timeout: 3_000 }).toBe(1);
  await expect(link).toHaveText('Connection: Connected', { timeout: 15_000 });
  await seesVideo(client.page, 'client, on the new connection');
  await seesVideo(pro.page, 'professional, from the client’s new connection');

  await pro.close();
  await client.close();
});

// A server running alone that stops (an upgrade, a restart) tells the pages in its calls before it
// goes: their heartbeat is answered `ServerRestarting`, and joins are refused the same way until
// it is back (server/tests/shutdown.rs proves the server's side). Here the client's page gets those
// answers as a stopping server gives them; what is tried is that it says so, keeps trying without
// giving up, and is back in the call once the server answers again.
test('when the server restarts, the page says so and is back in the call once it is up', async ({ browser }) => {
  test.setTimeout(120_000);
  const { pro, client, booking } = await sessionSoon(browser, 'Rae Restart');
  for (const person of [pro, client]) {
    await person.page.goto(`/appointments/${booking}/join`);
    await person.page.getByRole('button', { name: 'Join session' }).click();
  }
  await seesVideo(pro.page, 'professional');
  await seesVideo(client.page, 'client');

  const restarting = { Refused: 'ServerRestarting' };
  const refuse = { status: 409, contentType: 'application/json', body: JSON.stringify(restarting) };
  let refused = 0;
  let joined = 0;
  // the first three offers to join again are refused, as a stopping server refuses them
  await client.page.route('**/api/join_room', async (route) => {
    const offer = (route.request().postData() ?? '').includes('offer=');
    if (offer && refused < 3) {
      refused += 1;
      await route.fulfill(refuse);
      return;
    }
    if (offer) joined += 1;
    await route.continue();
  });
  await client.page.route('**/api/room_heartbeat', (route) => route.fulfill(refuse), { times: 1 });
  const link = client.page.getByRole('status').filter({ hasText: 'Connection:' });
  await expect(link).toHaveText(
    'Connection: The server is restarting. We’ll connect you as soon as it’s up again…',
  );
  // the call's connection is let go at once; the camera stays on
  await expect(client.page.locator('video.own')).toHaveJSProperty('paused', false);
  await expect.poll(() => refused, { timeout: 20_000 }).toBe(3);
  // still waiting, not given up: the same words
  await expect(link).toContainText('restarting');
  await expect(link).toHaveText('Connection: Connected', { timeout: 20_000 });
  expect(joined).toBe(1);
  await seesVideo(client.page, 'client, after the restart');
  await seesVideo(pro.page, 'professional, from the client after the restart');

  await pro.close();
  await client.close();
});
