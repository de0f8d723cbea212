// Drives one headless Chromium for DashboardIT: reads one JSON command per line on stdin, answers one
// JSON line per command on stdout ({id, ok, value} or {id, ok: false, error}). Needs playwright-core
// (NODE_PATH=target/ui-build/node_modules) and CHROMIUM (the browser executable).
const { chromium } = require('playwright-core');
const readline = require('node:readline');

const TIMEOUT = Number(process.env.DRIVER_TIMEOUT_MS || 15000);

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  const contexts = [];
  let page;
  const consoleLines = [];
  const fresh = async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1360, height: 860 } });
    contexts.push(context);
    page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  };
  await fresh();

  const ops = {
    newSession: async () => fresh(),
    goto: async (c) => { await page.goto(c.url); },
    fill: async (c) => { await page.locator(c.selector).first().fill(c.value); },
    click: async (c) => { await page.locator(c.selector).first().click(); },
    press: async (c) => { await page.locator(c.selector).first().press(c.key); },
    focus: async (c) => { await page.locator(c.selector).first().focus(); },
    keyboard: async (c) => { await page.keyboard.press(c.key); },
    activeElement: async () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) || ''),
    waitVisible: async (c) => { await page.locator(c.selector).first().waitFor({ state: 'visible', timeout: c.timeout || TIMEOUT }); },
    waitCount: async (c) => {
      await page.waitForFunction(([s, n]) => document.querySelectorAll(s).length === n, [c.selector, c.count],
        { timeout: c.timeout || TIMEOUT });
    },
    waitText: async (c) => {
      await page.waitForFunction(([s, t]) => [...document.querySelectorAll(s)].some((e) => e.textContent.includes(t)),
        [c.selector, c.text], { timeout: c.timeout || TIMEOUT });
    },
    count: async (c) => page.locator(c.selector).count(),
    text: async (c) => page.locator(c.selector).first().innerText(),
    attribute: async (c) => page.locator(c.selector).first().getAttribute(c.name),
    screenshot: async (c) => { await page.screenshot({ path: c.path, fullPage: !!c.fullPage }); },
    console: async () => consoleLines.join('\n'),
    version: async () => browser.version(),
    close: async () => {
      for (const context of contexts) await context.close();
      await browser.close();
      return 'closed';
    },
  };

  const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  reply({ id: 0, ok: true, value: `ready ${browser.version()}` });
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const command = JSON.parse(line);
    try {
      const op = ops[command.op];
      if (!op) throw new Error(`unknown op ${command.op}`);
      const value = await op(command);
      reply({ id: command.id, ok: true, value: value === undefined ? null : value });
      if (command.op === 'close') process.exit(0);
    } catch (e) {
      reply({ id: command.id, ok: false, error: String(e && e.message ? e.message : e).slice(0, 4000) });
    }
  }
  await browser.close();
}

main().catch((e) => {
  process.stdout.write(`${JSON.stringify({ id: 0, ok: false, error: String(e && e.stack ? e.stack : e) })}\n`);
  process.exit(1);
});
