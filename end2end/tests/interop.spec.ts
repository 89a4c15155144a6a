import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import { sessionSoon } from './people';
import { seesVideo } from './video';

const run = promisify(execFile);

test('another WebRTC stack (aiortc), offering sendrecv lines, meets a browser in a room, media both ways', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // the client's account, whose session the other stack uses
  const { pro, client, booking } = await sessionSoon(browser, 'Ivy Interop');
  const session = (await client.context.cookies()).find((c) => c.name === 'tandem_session');
  expect(session, 'the client is signed in').toBeDefined();
  await client.page.goto('/');

  // the professional is in the room in Chromium
  await pro.page.goto(`/appointments/${booking}/join`);
  await pro.page.getByRole('button', { name: 'Join session' }).click();

  // aiortc joins as the client for 15 s, while the browser decodes what it sends
  const peer = run('python3', ['interop/aiortc_peer.py', baseURL!, `tandem_session=${session!.value}`, booking, '15'], {
    timeout: 60_000,
  });
  await seesVideo(pro.page, 'the browser, from aiortc');
  const { stdout } = await peer;
  const result = JSON.parse(stdout.trim().split('\n').pop()!);
  console.log(`aiortc: ${stdout.trim()}`);
  expect(result.state).toBe('connected');
  expect(result.video_frames, 'video frames aiortc decoded from the browser').toBeGreaterThan(30);
  expect(result.width).toBeGreaterThan(0);
  expect(result.audio_frames, 'audio frames aiortc decoded from the browser').toBeGreaterThan(100);

  await pro.close();
  await client.close();
});
