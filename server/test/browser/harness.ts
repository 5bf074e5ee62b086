/**
 * Browser test harness: the real server on a free port with a fresh database, a headless
 * Chromium, an axe (WCAG 2.1 AA) check and a login helper. Needs `npm run build` first, since
 * the server serves the built web app from web/dist. A test file calls `withBrowserApp()` once
 * at the top; it starts and stops everything around the file's tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const webDist = path.resolve(serverDir, '..', 'web', 'dist');
const chromiumPath = '/usr/bin/chromium';

export const demoPassword = 'helhed-demo';

export interface TestServer {
  baseUrl: string;
  /** What the server printed so far; handy in a failure message. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Extra environment for the server process (wins over the defaults). */
  env?: Record<string, string>;
  /** Milliseconds to wait for /health/ready. */
  readyTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `node --import tsx src/server.ts` in production mode with an empty data directory. */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  if (!existsSync(path.join(webDist, 'index.html'))) {
    throw new Error(
      `${webDist}/index.html mangler: kør npm run build først (run npm run build first)`,
    );
  }
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'helhed-browser-data-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      WEB_DIST: webDist,
      PUBLIC_URL: baseUrl,
      CPR_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      CPR_HASH_KEY: randomBytes(32).toString('hex'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    await stopProcess(child, exited);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForReady(baseUrl, child, options.readyTimeoutMs ?? 60_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output: () => output, stop };
}

async function waitForReady(
  baseUrl: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Serveren stoppede under start (exit ${child.exitCode}):\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Serveren blev ikke klar på ${timeoutMs} ms (/health/ready):\n${output()}`);
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface TestBrowser {
  browser: Browser;
  /** A fresh, isolated context (own cookies and storage) in Danish, desktop-sized by default. */
  newContext(options?: { viewport?: { width: number; height: number } }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Headless Chromium from Debian's package. Playwright gives each launch its own temporary
 * user data directory and removes it on close, so no profile leaks between runs.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(chromiumPath)) throw new Error('Chromium mangler: apt-get install -y chromium');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  return {
    browser,
    newContext: (options = {}) =>
      browser.newContext({
        locale: 'da-DK',
        viewport: options.viewport ?? { width: 1280, height: 900 },
      }),
    close: () => browser.close(),
  };
}

/** Fails with one line per violating element when axe finds WCAG 2.1 A/AA violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const violations = results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) => `${violation.id} (${violation.impact}) ${node.target.join(' ')}: ${violation.help}`,
    ),
  );
  expect(violations, `axe på ${page.url()}`).toEqual([]);
}

/** Logs in through the login form (Danish or English) and waits until the start page shows. */
export async function login(
  page: Page,
  baseUrl: string,
  username: string,
  password = demoPassword,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/^(Brugernavn|Username)$/).fill(username);
  await page.getByLabel(/^(Adgangskode|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Log ind|Log in)$/ }).click();
  await page.getByRole('heading', { level: 1, name: /^(Velkommen|Welcome), / }).waitFor();
}

type Viewport = { width: number; height: number };
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiSession {
  cookie: string;
  csrf: string;
  user: { citizenId: string | null; displayName: string };
}

export interface BrowserApp {
  readonly server: TestServer;
  readonly browser: TestBrowser;
  readonly baseUrl: string;
  /** A page in a fresh context (own cookies), closed after the test unless `keepPages`. */
  newPage(viewport?: Viewport): Promise<Page>;
  /** A fresh page logged in through the login form as a demo user (e.g. 'rebild.koordinator'). */
  loginAs(username: string, viewport?: Viewport): Promise<Page>;
  /** Logs an existing page in through the login form. */
  login(page: Page, username: string): Promise<void>;
  /** Logs in over the API, as a script or another client would: cookie, CSRF token and user. */
  apiLogin(username: string): Promise<ApiSession>;
  /** A JSON call with the page's session and CSRF token, for setup the UI does not cover. */
  call<T>(page: Page, method: Method, path: string, data?: unknown): Promise<T>;
  /** No WCAG 2.1 A/AA violations on the page as it is now. */
  axe(page: Page): Promise<void>;
}

/**
 * One server, one browser for the test file: started in beforeAll (then `seed` runs, for data
 * the tests share), pages closed after each test (or, with `keepPages`, kept until the end for
 * a story told across several tests), everything closed in afterAll.
 */
export function withBrowserApp(
  options: StartServerOptions & {
    keepPages?: boolean;
    seed?: (app: BrowserApp) => Promise<void>;
  } = {},
): BrowserApp {
  let server: TestServer | undefined;
  let browser: TestBrowser | undefined;
  let contexts: BrowserContext[] = [];
  const started = <X>(value: X | undefined): X => {
    if (!value) throw new Error('withBrowserApp: use the app in a test or hook, after it starts');
    return value;
  };
  const closePages = async () => {
    const open = contexts;
    contexts = [];
    for (const context of open) await context.close();
  };
  const app: BrowserApp = {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    get baseUrl() {
      return started(server).baseUrl;
    },
    async newPage(viewport) {
      const context = await started(browser).newContext({ viewport });
      contexts.push(context);
      return context.newPage();
    },
    async loginAs(username, viewport) {
      const page = await app.newPage(viewport);
      await app.login(page, username);
      return page;
    },
    login: (page, username) => login(page, app.baseUrl, username),
    async apiLogin(username) {
      const res = await fetch(`${app.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: demoPassword }),
      });
      expect(res.status, `login ${username}`).toBe(200);
      const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
      const body = (await res.json()) as { csrfToken: string; user: ApiSession['user'] };
      return { cookie, csrf: body.csrfToken, user: body.user };
    },
    async call<T>(page: Page, method: Method, path: string, data?: unknown): Promise<T> {
      const me = await page.request.get(`${app.baseUrl}/api/auth/me`);
      const { csrfToken } = (await me.json()) as { csrfToken: string };
      const response = await page.request.fetch(`${app.baseUrl}${path}`, {
        method,
        data,
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
      return (await response.json()) as T;
    },
    axe: expectNoAxeViolations,
  };
  const readyMs = options.readyTimeoutMs ?? 150_000;
  beforeAll(async () => {
    server = await startServer({ ...options, readyTimeoutMs: readyMs });
    browser = await launchBrowser();
    await options.seed?.(app);
  }, readyMs + 60_000);
  afterEach(async () => {
    if (!options.keepPages) await closePages();
  });
  afterAll(async () => {
    await closePages();
    await browser?.close();
    await server?.stop();
  });
  return app;
}
