import { expect, test, type Browser } from './fixtures';
import { PASSWORD, audit, linkIn, waitForMail } from './helpers';
import { Client, Professional, daysFromNowAt, hydrated } from './people';

const SERVICE = 'Counselling · €80.00';

/** A professional with one service, and a client booked by them who has made their account. */
async function booked(browser: Browser, at: Date) {
  const pro = await Professional.signUp(browser, 'Dr. Pat Payne');
  await pro.addService({ name: 'Counselling', meetingType: 'video', length: '50', price: '80', currency: 'EUR' });
  const invitee = Client.invitee('Cy Card');
  await pro.invite(SERVICE, at, invitee);
  const invitation = await waitForMail(invitee.email, 'Booked: Counselling with Dr. Pat Payne');
  const client = await Client.fromInvitation(browser, invitee, invitation);
  return { pro, client };
}

/**
 * Adds a card on Payments through Stripe.js (here the local stand-in, whose card field is drawn
 * in our page): the number goes to the stand-in, never to our server.
 */
async function addCard(client: Client, number: string) {
  const page = client.page;
  const cards = page.getByRole('region', { name: 'Cards' });
  await cards.getByRole('button', { name: 'Add a card' }).click();
  const field = cards.getByRole('group', { name: 'Card details' });
  await field.getByPlaceholder('number').fill(number);
  await field.getByPlaceholder('exp_month').fill('12');
  await field.getByPlaceholder('exp_year').fill('34');
  await field.getByPlaceholder('cvc').fill('123');
  await field.getByPlaceholder('postal_code').fill('10115');
  await cards.getByRole('button', { name: 'Save card' }).click();
}

test('a client saves a card, pays their session, and both sides see it paid', async ({ browser }) => {
  const at = daysFromNowAt(30, 10);
  const { pro, client } = await booked(browser, at);
  const page = client.page;
  const bill = () => page.getByRole('region', { name: 'Bills' }).getByRole('listitem');

  // anything the Content-Security-Policy blocks (Stripe.js included) is recorded, and must be nothing
  await page.addInitScript(() => {
    (window as any).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as any).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await test.step('Payments: no cards yet, the bill to pay', async () => {
    await page.reload();
    await client.navigate('Payments');
    await hydrated(page);
    await expect(page.getByRole('region', { name: 'Cards' })).toContainText('No saved cards');
    await expect(bill()).toContainText('To pay');
    await expect(bill()).toContainText('Add a card to pay this bill.');
    await audit(page);
  });

  await test.step('the card is saved through Stripe.js and listed as the default', async () => {
    await addCard(client, '4242424242424242');
    await expect(page.getByText('Your card is saved.')).toBeVisible();
    const card = page.getByRole('region', { name: 'Cards' }).getByRole('listitem');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('Visa ending in 4242');
    await expect(card).toContainText('Expires 12/2034');
    await expect(card).toContainText('Default');
    await audit(page);
    expect(await page.evaluate(() => (window as any).__cspViolations)).toEqual([]);
  });

  await test.step('"Pay €80.00" pays the bill', async () => {
    await hydrated(page);
    await bill().getByRole('button', { name: 'Pay €80.00' }).click();
    await expect(page.getByText('Paid. Thank you!')).toBeVisible();
    await expect(bill()).toContainText('Paid');
    await expect(bill().getByRole('button', { name: /^Pay/ })).toHaveCount(0);
  });

  await test.step('its receipt: on the page, printable, and by mail with a link to it', async () => {
    await bill().getByRole('link', { name: /^Receipt/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receipt');
    const receipt = page.getByRole('article');
    await expect(receipt).toContainText('Paid to');
    await expect(receipt).toContainText('Dr. Pat Payne');
    await expect(receipt).toContainText('€80.00');
    await expect(receipt).toContainText(`Counselling, ${client.sees(at).long}, ${client.sees(at).time}`);
    await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
    await audit(page);
    const mail = await waitForMail(client.email, 'Receipt: €80.00 for Counselling with Dr. Pat Payne');
    await page.goto(linkIn(mail.text, '/payments/receipts/'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receipt');
    await page.getByRole('link', { name: 'Back to Payments' }).click();
  });

  await test.step('the appointment shows it paid', async () => {
    await bill().getByRole('link', { name: 'Counselling with Dr. Pat Payne', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Bill' })).toContainText('€80.00 · Paid');
  });

  await test.step('the professional sees it paid', async () => {
    await pro.navigate('Payments');
    const theirs = pro.page.getByRole('region', { name: 'Bills' }).getByRole('listitem');
    await expect(theirs).toContainText('Counselling with Cy Card');
    await expect(theirs).toContainText('Paid');
  });
});

test('a declined card says so in plain words and leaves the bill to pay', async ({ browser }) => {
  const at = daysFromNowAt(31, 11);
  const { client } = await booked(browser, at);
  const page = client.page;
  const bill = () => page.getByRole('region', { name: 'Bills' }).getByRole('listitem');
  await client.navigate('Payments');
  await hydrated(page);

  await test.step('a card its bank refuses to save is not kept', async () => {
    await addCard(client, '4000000000000002');
    await expect(page.getByRole('region', { name: 'Cards' }).getByRole('alert')).toContainText('Your card was declined.');
    await expect(page.getByRole('region', { name: 'Cards' }).getByRole('listitem')).toHaveCount(0);
  });

  await test.step('a card declined when charged', async () => {
    await page.reload();
    await hydrated(page);
    await addCard(client, '4000000000000341');
    await expect(page.getByText('Your card is saved.')).toBeVisible();
    await hydrated(page);
    await bill().getByRole('button', { name: 'Pay €80.00' }).click();
    await expect(bill().getByRole('alert')).toHaveText('Your card was declined. Try another card, or ask your bank why.');
    await page.reload();
    await expect(bill()).toContainText('To pay');
  });

  await test.step('cards, bills and "Pay" fit a phone screen', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await hydrated(page);
    const pay = bill().getByRole('button', { name: 'Pay €80.00' });
    await pay.scrollIntoViewIfNeeded();
    await expect(pay).toBeInViewport();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

// the no-JavaScript half runs in a context of its own: saving the card needs JavaScript first
test('a client pays with a saved card without JavaScript', async ({ browser }) => {
  const at = daysFromNowAt(32, 9);
  const { client } = await booked(browser, at);
  // the card is saved where JavaScript runs: Stripe's card field needs it
  await client.navigate('Payments');
  await hydrated(client.page);
  await addCard(client, '4242424242424242');
  await expect(client.page.getByText('Your card is saved.')).toBeVisible();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(client.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.goto('/payments');
  await expect(page.getByText('Adding a card needs JavaScript')).toBeVisible();
  const bill = page.getByRole('region', { name: 'Bills' }).getByRole('listitem');
  await bill.getByRole('button', { name: 'Pay €80.00' }).click();
  await expect(page.getByText('Paid. Thank you!')).toBeVisible();
  await expect(bill).toContainText('Paid');
  await context.close();
});

test('a client changes their default card, removes one, and confirms a payment with their bank', async ({ browser }) => {
  const at = daysFromNowAt(33, 14);
  const { client } = await booked(browser, at);
  const page = client.page;
  const cards = page.getByRole('region', { name: 'Cards' });
  const card = (last4: string) => cards.getByRole('listitem').filter({ hasText: `Visa ending in ${last4}` });
  const bill = () => page.getByRole('region', { name: 'Bills' }).getByRole('listitem');
  await client.navigate('Payments');
  await hydrated(page);

  await test.step('two cards: the first saved is the default; the bank asks about the second', async () => {
    await addCard(client, '4242424242424242');
    await expect(page.getByText('Your card is saved.')).toBeVisible();
    await hydrated(page);
    await addCard(client, '4000002500003155');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await expect(page.getByText('Your card is saved.')).toBeVisible();
    await expect(cards.getByRole('listitem')).toHaveCount(2);
    await expect(card('4242')).toContainText('Default');
    await expect(card('3155')).not.toContainText('Default');
  });

  await test.step('"Make default" moves the default', async () => {
    await hydrated(page);
    await card('3155').getByRole('button', { name: 'Make default – Visa ending in 3155' }).click();
    await expect(page.getByText('That card is now your default.')).toBeVisible();
    await expect(card('3155')).toContainText('Default');
    await expect(card('4242')).not.toContainText('Default');
    await expect(card('4242').getByRole('button', { name: /^Make default/ })).toBeVisible();
  });

  await test.step('"Remove" takes the other card away', async () => {
    await hydrated(page);
    await card('4242').getByRole('button', { name: 'Remove – Visa ending in 4242' }).click();
    await expect(page.getByText('The card is removed.')).toBeVisible();
    await expect(cards.getByRole('listitem')).toHaveCount(1);
    await expect(card('3155')).toContainText('Default');
    await audit(page);
  });

  await test.step('paying with it, the bank asks, the client confirms, the bill is paid', async () => {
    await hydrated(page);
    await bill().getByRole('button', { name: 'Pay €80.00' }).click();
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await expect(page.getByText('Paid. Thank you!')).toBeVisible();
    await expect(bill()).toContainText('Paid');
  });
});
