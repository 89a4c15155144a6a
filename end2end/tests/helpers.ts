import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { MAILDIR } from '../playwright.config';

export const PASSWORD = 'a long enough passphrase';

/** A fresh address per test, so runs never collide in the shared database. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`;
}

/**
 * The calendar date `days` from now, as a date field takes it (YYYY-MM-DD). The server runs on
 * the real clock, so bookings go a few weeks ahead: in the future at any hour of the run, and
 * well inside how far ahead a professional may book.
 */
export function daysAhead(days: number): string {
  return new Date(Date.now() + days * 24 * 3600_000).toISOString().slice(0, 10);
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

/** A mail the server sent, as the test SMTP server stored it. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  calendar?: string;
}

/** Every mail the test SMTP server has received so far. */
export async function readMail(): Promise<Mail[]> {
  const mails: Mail[] = [];
  for (const sub of ['new', 'cur']) {
    const dir = path.join(__dirname, '..', MAILDIR, sub);
    let names: string[] = [];
    try {
      names = await fs.readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const parsed = await simpleParser(await fs.readFile(path.join(dir, name)));
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
      const ics = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      mails.push({ to, subject: parsed.subject ?? '', text: parsed.text ?? '', calendar: ics?.content.toString('utf8') });
    }
  }
  return mails;
}

/** Waits for a mail to `to` whose subject contains `subject`, read from the test SMTP server. */
export async function waitForMail(to: string, subject: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        found = (await readMail()).find((m) => m.to.includes(to) && m.subject.includes(subject));
        return found !== undefined;
      },
      { timeout: 20_000, message: `mail to ${to} about "${subject}"` },
    )
    .toBe(true);
  return found!;
}

/** The path and query of the first link in `text` that contains `needle`. */
export function linkIn(text: string, needle: string): string {
  const href = text.split(/\s+/).find((w) => w.startsWith('http') && w.includes(needle));
  if (!href) throw new Error(`no link with ${needle} in ${text}`);
  const url = new URL(href);
  return url.pathname + url.search;
}

/** Fails with the list of axe's findings, if there are any. */
export async function audit(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
