// Firefox ESR driven over WebDriver BiDi by puppeteer-core, for the Python tests
// (tests/support/firefox.py). One JSON request per stdin line, one JSON reply per stdout line:
//   {"id": 1, "op": "newPage"}                       -> {"id": 1, "value": "p1"}
//   {"id": 2, "op": "evaluate", "page": "p1", "source": "async (x) => x + 1", "arg": 1}
// Every page lives in a browser context of its own (separate storage, like separate people).
// Usage: node firefox-driver.mjs PROXY_PORT
import readline from 'node:readline';
import puppeteer from 'puppeteer-core';

const proxyPort = Number(process.argv[2]);
const FIREFOX = process.env.FIREFOX_BINARY || '/usr/bin/firefox-esr';

// Everything but loopback goes to the test proxy, which refuses it; the services Firefox calls
// on its own (remote settings, telemetry, captive portal, updates, safe browsing) are switched off.
const prefs = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': proxyPort,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': proxyPort,
  'network.proxy.no_proxies_on': '127.0.0.1,localhost,[::1]',
  'network.proxy.allow_hijacking_localhost': false,
  'network.proxy.share_proxy_settings': true,
  'services.settings.server': 'http://127.0.0.1:9/v1',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'app.update.disabledForTesting': true,
  'browser.safebrowsing.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'browser.region.network.url': '',
  'browser.search.update': false,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
};

const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: FIREFOX,
  headless: true,
  extraPrefsFirefox: prefs,
  defaultViewport: { width: 1600, height: 1000 },
});

const pages = new Map();
const errors = new Map();
let counter = 0;

async function newPage() {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const id = `p${++counter}`;
  pages.set(id, { page, context });
  errors.set(id, []);
  page.on('pageerror', (error) => {
    const message = String(error && error.message ? error.message : error);
    // Firefox reports blocked loads (CSP, refused connections) as errors too: those are the
    // sandbox at work, not exceptions the page failed to catch.
    if (/^Content-Security-Policy: |can’t establish a connection to the server/.test(message)) return;
    errors.get(id).push(message);
  });
  return id;
}

function pageOf(request) {
  const entry = pages.get(request.page);
  if (!entry) throw new Error(`no page ${request.page}`);
  return entry.page;
}

const ops = {
  newPage,
  goto: (r) => pageOf(r).goto(r.url, { waitUntil: 'load' }).then(() => null),
  evaluate: (r) => pageOf(r).evaluate(`(${r.source})(${JSON.stringify(r.arg ?? null)})`),
  click: (r) => pageOf(r).click(r.selector).then(() => null),
  type: (r) => pageOf(r).keyboard.type(r.text).then(() => null),
  press: async (r) => {
    const keyboard = pageOf(r).keyboard;
    const keys = r.keys.split('+');
    for (const key of keys) await keyboard.down(key);
    for (const key of keys.reverse()) await keyboard.up(key);
    return null;
  },
  screenshot: (r) => pageOf(r).screenshot({ path: r.path }).then(() => null),
  errors: (r) => errors.get(r.page) ?? [],
  closePage: async (r) => {
    const entry = pages.get(r.page);
    pages.delete(r.page);
    if (entry) await entry.context.close();
    return null;
  },
  version: () => browser.version(),
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  if (request.op === 'quit') break;
  let reply;
  try {
    const op = ops[request.op];
    if (!op) throw new Error(`unknown op ${request.op}`);
    reply = { id: request.id, value: (await op(request)) ?? null };
  } catch (error) {
    reply = { id: request.id, error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
}
await browser.close();
process.exit(0);
