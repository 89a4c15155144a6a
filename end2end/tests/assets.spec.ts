import { test, expect } from './fixtures';

test('a page\'s wasm, script and style are named by their content and kept for a year', async ({ page }) => {
  const assets: { url: string; status: number; cache: string }[] = [];
  page.on('response', async (r) => {
    if (new URL(r.url()).pathname.startsWith('/pkg/')) {
      assets.push({ url: r.url(), status: r.status(), cache: (await r.allHeaders())['cache-control'] ?? '' });
    }
  });
  await page.goto('/login');
  await expect(page.locator('body[data-hydrated]')).toHaveCount(1);
  const kinds = assets.map((a) => new URL(a.url).pathname.split('.').pop());
  for (const kind of ['css', 'js', 'wasm']) expect(kinds, `a ${kind} file`).toContain(kind);
  for (const a of assets) {
    expect(a.status, a.url).toBe(200);
    expect(new URL(a.url).pathname, 'named by content').toMatch(/^\/pkg\/[a-z_]+\.[A-Za-z0-9_-]{22}\.(css|js|wasm)$/);
    expect(a.cache, a.url).toBe('public, max-age=31536000, immutable');
  }
});
