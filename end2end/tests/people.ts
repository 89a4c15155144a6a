import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { PASSWORD, audit, linkIn, uniqueEmail, waitForMail, type Mail } from './helpers';
import { recordPeerConnections } from './video';

/** Date and time of `at` in `zone`, as our pages and forms write them. */
export function local(at: Date, zone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return {
    date: iso, // 2031-03-31
    time: `${parts.hour}:${parts.minute}`, // 09:00
    long: `${parts.weekday} ${Number(parts.day)} ${parts.month} ${parts.year}`, // Monday 31 March 2031
  };
}

/** `days` from now at `hh:mm` UTC: far enough ahead to book at any hour of the run. */
export function daysFromNowAt(days: number, hh: number, mm = 0): Date {
  const at = new Date(Date.now() + days * 24 * 3600_000);
  at.setUTCHours(hh, mm, 0, 0);
  return at;
}

export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached({ timeout: 20_000 });
}

/** A browser of its own in `zone`, recording its peer connections for the video checks. */
async function browserIn(browser: Browser, zone: string) {
  const context = await browser.newContext({ timezoneId: zone });
  await recordPeerConnections(context);
  return { context, page: await context.newPage() };
}

/** Someone using the app in a browser of their own: who they are, their page, their mail. */
export class Person {
  constructor(
    readonly name: string,
    readonly email: string,
    readonly zone: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** The mail to this person whose subject contains `subject`, as delivered over SMTP. */
  mail(subject: string): Promise<Mail> {
    return waitForMail(this.email, subject);
  }

  /** Goes Home through the main navigation. */
  async home() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home', exact: true }).click();
    await expect(this.page).toHaveURL(/\/$/);
  }

  /** Goes to a page of the main navigation by its name. */
  async navigate(name: string | RegExp) {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  }

  /** How `at` reads on this person's pages. */
  sees(at: Date) {
    return local(at, this.zone);
  }

  async close() {
    await this.context.close();
  }
}

export interface ServiceForm {
  name: string;
  meetingType: 'video' | 'phone' | 'in_person';
  length: string;
  price: string;
  currency: 'ISK' | 'EUR' | 'USD' | 'GBP';
}

export class Professional extends Person {
  /** Signs up as a professional, landing on Home. */
  static async signUp(browser: Browser, name: string, zone = 'Europe/London'): Promise<Professional> {
    const { context, page } = await browserIn(browser, zone);
    const pro = new Professional(name, uniqueEmail('pro'), zone, context, page);
    await page.goto('/signup?as=professional');
    await hydrated(page);
    await page.getByLabel('Full name').fill(name);
    await page.getByLabel('Email').fill(pro.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/$/);
    await hydrated(page);
    return pro;
  }

  /** Adds a service on Home. */
  async addService(s: ServiceForm) {
    const services = this.page.getByRole('region', { name: 'Your services' });
    await services.getByLabel('Service name').fill(s.name);
    await services.getByLabel('Meeting type').selectOption(s.meetingType);
    await services.getByLabel('Length').selectOption(s.length);
    await services.getByLabel('Price').fill(s.price);
    await services.getByLabel('Currency').selectOption(s.currency);
    await services.getByRole('button', { name: 'Add service' }).click();
    await expect(services.getByText('The service is added.')).toBeVisible();
  }

  /** Books `client` into the service labelled `service` (as the select shows it) at `at`. */
  async invite(service: string, at: Date, client: { name: string; email: string }) {
    const start = this.sees(at);
    const sessions = this.page.getByRole('region', { name: 'Upcoming sessions' });
    await sessions.getByLabel('Service').selectOption({ label: service });
    await sessions.getByLabel('Date').fill(start.date);
    await sessions.getByLabel('Start time').fill(start.time);
    await sessions.getByLabel('Client’s name').fill(client.name);
    await sessions.getByLabel('Client’s email').fill(client.email);
    await sessions.getByRole('button', { name: 'Book and invite' }).click();
    await expect(sessions.getByText('The session is booked.')).toBeVisible();
  }

  /** Opens the booking with `client` from Home's "Upcoming sessions". */
  async openBooking(client: string) {
    await this.home();
    await this.page
      .getByRole('region', { name: 'Upcoming sessions' })
      .getByRole('link', { name: new RegExp(`· ${client}$`) })
      .click();
    await expect(this.page).toHaveURL(/\/appointments\/[a-z0-9]+$/);
    await hydrated(this.page);
  }
}

export class Client extends Person {
  /** Someone invited as `name`, before they have an account. */
  static invitee(name: string) {
    return { name, email: uniqueEmail(name.split(' ')[0].toLowerCase()) };
  }

  /**
   * Opens the link in `invitation` and makes the account it offers, landing on the appointment.
   * The browser's zone becomes the account's. With `audit`, the page is checked with axe first.
   */
  static async fromInvitation(
    browser: Browser,
    invitee: { name: string; email: string },
    invitation: Mail,
    zone = 'Europe/London',
    opts: { audit?: boolean; booking?: string[] } = {},
  ): Promise<Client> {
    const { context, page } = await browserIn(browser, zone);
    const client = new Client(invitee.name, invitee.email, zone, context, page);
    await page.goto(linkIn(invitation.text, '/join?token='));
    await hydrated(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account');
    await expect(page.getByLabel('Your email, from the invitation')).toHaveValue(invitee.email);
    await expect(page.getByLabel('Full name')).toHaveValue(invitee.name);
    // what is being booked, before any account exists
    const booking = page.getByRole('region', { name: 'What you are booking' });
    for (const text of opts.booking ?? []) await expect(booking).toContainText(text);
    if (opts.audit) await audit(page);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('checkbox', { name: /I accept the Terms/ }).check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/appointments\/[a-z0-9]+$/);
    await hydrated(page);
    return client;
  }

  /** Home's "Upcoming appointments". */
  upcoming() {
    return this.page.getByRole('region', { name: 'Upcoming appointments' });
  }

  /** Home's "Past and cancelled sessions", opened. */
  async past() {
    const past = this.page.getByRole('region', { name: 'Past and cancelled sessions' });
    await past.getByText('Past and cancelled sessions').click();
    return past;
  }
}

/**
 * A professional with a video service who has booked `clientName` to start in 8-9 minutes
 * (inside the 10-minute join window already), and that client, signed up from the emailed link:
 * both in browsers of their own, ready for the session's page.
 */
export async function sessionSoon(browser: Browser, clientName: string) {
  const pro = await Professional.signUp(browser, 'Dr. Ada Lovelace', 'UTC');
  await pro.addService({ name: 'Individual therapy', meetingType: 'video', length: '50', price: '12500', currency: 'ISK' });
  const invitee = Client.invitee(clientName);
  const soon = new Date(Math.ceil((Date.now() + 8 * 60_000) / 60_000) * 60_000);
  await pro.invite('Individual therapy · ISK 12,500', soon, invitee);
  const mail = await waitForMail(invitee.email, 'Booked: Individual therapy');
  const client = await Client.fromInvitation(browser, invitee, mail, 'UTC');
  const booking = new URL(client.page.url()).pathname.split('/')[2];
  return { pro, client, booking };
}
