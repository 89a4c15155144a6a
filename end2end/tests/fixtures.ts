import { expect, test as base, type BrowserContext, type Page } from '@playwright/test';

export { expect };
export type { Browser, BrowserContext, Page } from '@playwright/test';

/**
 * Console errors a page may log without anything being wrong: the browser reports every 4xx
 * answer as a failed resource, and our server functions answer a refused form (a wrong password,
 * a field to correct) with 4xx on purpose.
 */
const EXPECTED = [/^Failed to load resource: the server responded with a status of 4\d\d/];

/**
 * Every test, in every page of every context it opens: a page error (an uncaught exception, a
 * Rust panic in the wasm, a disposed signal read) or a console error fails it, so no page can die
 * quietly while the test goes on clicking something else.
 */
export const test = base.extend<{ pageErrorGuard: void }>({
  pageErrorGuard: [
    async ({ browser, context }, use) => {
      const problems: string[] = [];
      const watchPage = (page: Page) => {
        page.on('pageerror', (e) => problems.push(`page error at ${page.url()}: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' && !EXPECTED.some((re) => re.test(m.text()))) {
            problems.push(`console error at ${page.url()}: ${m.text()}`);
          }
        });
      };
      const watchContext = (c: BrowserContext) => {
        c.pages().forEach(watchPage);
        c.on('page', watchPage);
      };
      watchContext(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const c = await newContext(options);
        watchContext(c);
        return c;
      };
      try {
        await use();
      } finally {
        browser.newContext = newContext;
      }
      expect(problems, 'pages logged errors').toEqual([]);
    },
    { auto: true },
  ],
});
