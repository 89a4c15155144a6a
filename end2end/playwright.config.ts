import { defineConfig } from '@playwright/test';

// The test script picks a free port and passes it in; the server keeps its database in .db.
const SERVER = '../target/debug/server';
const port = Number(process.env.E2E_PORT ?? 3107);
const baseURL = `http://127.0.0.1:${port}`;
// mail really leaves over SMTP, to a server on loopback that keeps it in a Maildir the tests read
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 3125);
export const MAILDIR = '.mail/maildir';
// a relay (coturn) on loopback, whose credentials the server hands out with every join
const turnPort = Number(process.env.E2E_TURN_PORT ?? 3136);
const turnsPort = Number(process.env.E2E_TURNS_PORT ?? 3137);
const turnSecret = `e2e-${process.pid}-${Date.now()}`;

const chromiumArgs = [
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  // video sessions: a fake camera and microphone, granted without a prompt, over loopback
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
  projects: [
    { name: 'chromium' },
    {
      // the same form journeys before any wasm runs: plain HTML forms and server redirects
      name: 'no-javascript',
      use: { javaScriptEnabled: false },
      grep: /@forms/,
    },
  ],
  webServer: [
  {
    command: `rm -rf .mail && mkdir -p .mail && exec python3 -m aiosmtpd -n -l 127.0.0.1:${smtpPort} -c aiosmtpd.handlers.Mailbox ${MAILDIR}`,
    port: smtpPort,
    timeout: 30_000,
    reuseExistingServer: false,
  },
  {
    // the relay (TURN over UDP, TCP and TLS), as .ci/turnserver starts it for an operator
    command: `exec bash ../.ci/turnserver .turn ${turnPort} ${turnsPort}`,
    port: turnPort,
    timeout: 30_000,
    reuseExistingServer: false,
    env: { TANDEM_TURN_SECRET: turnSecret },
  },
  {
    // on disk, so the command that makes a company's hub (run by whoever hosts us, before the
    // server starts) and the server share it; one company for each project's hub test
    command: [
      'rm -rf .db',
      `${SERVER} hub create --company Acme --hub acme-e2e --hr-name "Hanna HR" --hr-email hr@acme.example --domain acme.example`,
      `${SERVER} hub create --company Initech --hub initech-e2e --hr-name "Ian HR" --hr-email hr@initech.example`,
      `exec ${SERVER}`,
    ].join(' && '),
    url: `${baseURL}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: '../target/site',
      LEPTOS_ENV: 'PROD',
      TANDEM_DB_URL: 'surrealkv://.db/e2e',
      TANDEM_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      TANDEM_OUTBOX_POLL_MS: '200',
      TANDEM_JOBS_POLL_MS: '1000',
      TANDEM_SFU_ADDR: '127.0.0.1:0',
      TANDEM_TURN_URLS: [
        `turn:127.0.0.1:${turnPort}?transport=udp`,
        `turn:127.0.0.1:${turnPort}?transport=tcp`,
        `turns:127.0.0.1:${turnsPort}?transport=tcp`,
      ].join(','),
      TANDEM_TURN_SECRET: turnSecret,
      // every test signs up from 127.0.0.1; the limits themselves are proven in server/tests
      TANDEM_AUTH_BURST: '1000',
      TANDEM_AUTH_PER_HOUR: '100000',
      TANDEM_LINK_BURST: '1000',
      TANDEM_LINK_PER_HOUR: '100000',
      TANDEM_HOLD_BURST: '1000',
      TANDEM_HOLD_PER_HOUR: '100000',
      TANDEM_RESET_REQUESTS_PER_HOUR: '1000',
      // professionals in these tests go straight on; two-step log-in is proven in its own
      // spec and, required, in server/tests/two_factor.rs
      TANDEM_REQUIRE_TWO_FACTOR: 'false',
      RUST_LOG: process.env.E2E_RUST_LOG ?? 'warn',
    },
  },
  ],
});
