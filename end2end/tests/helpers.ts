import { expect, type Page, type TestInfo } from '@playwright/test';

export const PASSWORD = 'a long enough passphrase';

/** A fresh address per test, so runs never collide in the shared database. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`;
}

export function jsEnabled(testInfo: TestInfo): boolean {
  return testInfo.project.use.javaScriptEnabled !== false;
}

/** Opens a page and, when JavaScript runs, waits until the wasm has taken over. */
export async function open(page: Page, path: string, testInfo: TestInfo) {
  await page.goto(path);
  if (jsEnabled(testInfo)) {
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached({ timeout: 20_000 });
  }
}

export async function signUp(
  page: Page,
  testInfo: TestInfo,
  name: string,
  email: string,
  opts: { acceptTerms?: boolean; password?: string } = {},
) {
  await open(page, '/signup', testInfo);
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(opts.password ?? PASSWORD);
  if (opts.acceptTerms ?? true) {
    await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
  }
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function logIn(page: Page, testInfo: TestInfo, email: string, password = PASSWORD) {
  await open(page, '/login', testInfo);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function logOut(page: Page) {
  await page.locator('.user-menu summary').click();
  await page.getByRole('button', { name: 'Log out' }).click();
}
