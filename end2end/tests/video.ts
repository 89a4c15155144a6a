import { expect, type BrowserContext, type Page } from '@playwright/test';

/** Keeps every RTCPeerConnection the page makes, so the test can read its statistics. */
export async function recordPeerConnections(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { __pcs: RTCPeerConnection[] };
    const Native = window.RTCPeerConnection;
    w.__pcs = [];
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        w.__pcs.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

/** Video frames decoded so far on the page's newest open peer connection (not the network check's, once closed). */
export async function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const pcs = ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter((pc) => pc.connectionState !== 'closed');
    const pc = pcs[pcs.length - 1];
    if (!pc) return 0;
    let frames = 0;
    (await pc.getStats()).forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
    });
    return frames;
  });
}

/** The other person's video as this page shows it: its width, once a frame has been decoded. */
export async function remoteWidth(page: Page): Promise<number> {
  return page.locator('video.remote').evaluate((v) => (v as HTMLVideoElement).videoWidth);
}

/** Fails unless the page decodes the other person's video, and more of it as time goes on. */
export async function seesVideo(page: Page, who: string) {
  await expect.poll(() => remoteWidth(page), { message: `${who}: the remote video has a size`, timeout: 15_000 }).toBeGreaterThan(0);
  const before = await framesDecoded(page);
  await expect
    .poll(() => framesDecoded(page), { message: `${who}: framesDecoded rises`, timeout: 15_000 })
    .toBeGreaterThan(before + 10);
}

/**
 * Clicks "Join session" and returns the milliseconds from the click to the first decoded frame of
 * the other person's video, both instants taken inside the page.
 */
export async function joinAndTimeFirstFrame(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __clickAt?: number; __frameAt?: number };
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Join session');
    button?.addEventListener('click', () => (w.__clickAt = performance.now()), { capture: true, once: true });
    const video = document.querySelector('video.remote') as HTMLVideoElement;
    const tick = () => {
      if (video.videoWidth > 0 && video.readyState >= 2) w.__frameAt = performance.now();
      else setTimeout(tick, 4);
    };
    tick();
  });
  await page.getByRole('button', { name: 'Join session' }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __frameAt?: number }).__frameAt ?? 0), {
      message: 'the first remote frame',
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  return page.evaluate(() => {
    const w = window as unknown as { __clickAt: number; __frameAt: number };
    return Math.round(w.__frameAt - w.__clickAt);
  });
}

/**
 * Fails unless, on a screen of `size`, the call is what a phone call should be: the other
 * person's video fills the screen, one's own is small in a corner, and the controls sit over
 * the video on one row, all on screen.
 */
export async function callFillsScreen(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  const screen = size.width * size.height;
  const where = `${size.width}×${size.height}`;
  await expect
    .poll(
      async () => {
        const remote = await page.locator('video.remote').boundingBox();
        return remote ? Math.round(((remote.width * remote.height) / screen) * 100) : 0;
      },
      { message: `the other person's video fills the ${where} screen (% of it)` },
    )
    .toBeGreaterThanOrEqual(90);
  const own = (await page.locator('video.own').boundingBox())!;
  expect(own.width * own.height, `one's own video stays small on ${where}`).toBeLessThan(screen * 0.1);
  const rows = new Set<number>();
  for (const button of await page.getByRole('group', { name: 'Call controls' }).getByRole('button').all()) {
    const b = (await button.boundingBox())!;
    expect(b.y + b.height, `${await button.textContent()} is on the ${where} screen`).toBeLessThanOrEqual(size.height);
    expect(b.x + b.width, `${await button.textContent()} is on the ${where} screen`).toBeLessThanOrEqual(size.width);
    rows.add(Math.round(b.y + b.height / 2));
  }
  expect(rows.size, `the controls sit on one row on ${where}`).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `nothing sideways on ${where}`).toBeLessThanOrEqual(size.width);
}

/**
 * From now on the context's peer connections may only send through the relay (TURN) the server
 * hands out, and only over `transport`: what a network that blocks UDP to the SFU (`tcp`), or one
 * that lets nothing through but the relay (`udp`), leaves a browser; `none`: not even the relay.
 * Records how many relays the page was given.
 */
export async function onlyThroughRelay(context: BrowserContext, transport: 'udp' | 'tcp' | 'none') {
  await context.addInitScript((transport) => {
    const w = window as unknown as { __relays?: number };
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        const iceServers = (config?.iceServers ?? [])
          .map((s) => ({ ...s, urls: ([] as string[]).concat(s.urls).filter((u) => u.startsWith('turn:') && u.endsWith(`transport=${transport}`)) }))
          .filter((s) => s.urls.length > 0);
        w.__relays = iceServers.length;
        super({ ...config, iceServers, iceTransportPolicy: 'relay' });
      }
    } as typeof RTCPeerConnection;
  }, transport);
}

/** How the page's newest peer connection carries its media: its local candidate's type and protocol. */
export async function mediaPath(page: Page): Promise<{ relays: number; type?: string; relayProtocol?: string }> {
  return page.evaluate(async () => {
    const w = window as unknown as { __pcs?: RTCPeerConnection[]; __relays?: number };
    const pcs = (w.__pcs ?? []).filter((pc) => pc.connectionState !== 'closed');
    const pc = pcs[pcs.length - 1];
    const out: { relays: number; type?: string; relayProtocol?: string } = { relays: w.__relays ?? 0 };
    if (!pc) return out;
    const stats = new Map<string, Record<string, unknown>>();
    (await pc.getStats()).forEach((s: Record<string, unknown>) => stats.set(s.id as string, s));
    const transport = [...stats.values()].find((s) => s.type === 'transport');
    const pair = transport && stats.get(transport.selectedCandidatePairId as string);
    const local = pair && stats.get(pair.localCandidateId as string);
    if (local) {
      out.type = local.candidateType as string;
      out.relayProtocol = local.relayProtocol as string;
    }
    return out;
  });
}
