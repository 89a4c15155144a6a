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
