import { existsSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium (.ci/run installs it with apt): Playwright's own browser download cannot work here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

export async function launch(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  // launch() gives chromium a fresh, empty profile directory of its own and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=ru-RU',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'ru-RU', viewport: { width: 1200, height: 900 } });
}

/** Accessibility violations of the page (WCAG 2.2 A/AA and best practice), as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** With UII_WEB_SCREENSHOTS=1, saves a full-page screenshot under docs/web/ for review. */
export async function screenshot(page: Page, root: string, name: string): Promise<void> {
  if (process.env.UII_WEB_SCREENSHOTS !== '1') return;
  await page.screenshot({ path: join(root, 'docs/web', `${name}.png`), fullPage: true });
}
