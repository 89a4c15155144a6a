import { expect, test } from './fixtures';
import { sessionSoon } from './people';
import { mediaPath, onlyThroughRelay, seesVideo } from './video';

// The test server runs with a coturn on loopback (playwright.config.ts) and hands out
// credentials for it with every join.
test('behind firewalls that let only a relay through, over UDP on one side and TCP on the other, both see each other’s video', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { pro, client, booking } = await sessionSoon(browser, 'Rey Relay');

  await onlyThroughRelay(pro.context, 'tcp');
  await onlyThroughRelay(client.context, 'udp');
  for (const person of [pro, client]) {
    await person.page.goto(`/appointments/${booking}/join`);
    // the check before joining gets through the relay too
    await expect(person.page.getByText('Your connection to the video service works.')).toBeVisible({ timeout: 15_000 });
    await person.page.getByRole('button', { name: 'Join session' }).click();
  }
  await seesVideo(pro.page, 'professional, through the relay over TCP');
  await seesVideo(client.page, 'client, through the relay over UDP');

  const [proPath, clientPath] = [await mediaPath(pro.page), await mediaPath(client.page)];
  console.log(`professional: ${JSON.stringify(proPath)}; client: ${JSON.stringify(clientPath)}`);
  expect(proPath).toEqual({ relays: 1, type: 'relay', relayProtocol: 'tcp' });
  expect(clientPath).toEqual({ relays: 1, type: 'relay', relayProtocol: 'udp' });

  await pro.close();
  await client.close();
});

test('a network that lets nothing through, not even the relay: the check before joining says so plainly', async ({ browser }) => {
  test.setTimeout(90_000);
  const { pro, client, booking } = await sessionSoon(browser, 'Bea Blocked');

  await onlyThroughRelay(client.context, 'none');
  await client.page.goto(`/appointments/${booking}/join`);
  const check = client.page.getByRole('region', { name: 'Check your camera and microphone' });
  await expect(check.getByText('Checking your connection to the video service…')).toBeVisible();
  await expect(check.getByText('Your network doesn\'t let video calls through to us', { exact: false })).toBeVisible({ timeout: 20_000 });
  // the same page on an open network says it works
  await pro.page.goto(`/appointments/${booking}/join`);
  await expect(pro.page.getByText('Your connection to the video service works.')).toBeVisible({ timeout: 15_000 });

  await pro.close();
  await client.close();
});
