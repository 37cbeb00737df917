import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { AppError } from '@muster/contracts';
import type { Logger } from './logger.ts';

/** Prints a self-contained HTML page (inline CSS and SVG, no scripts, no remote resources). */
export interface PdfRenderer {
  render(html: string, opts?: { landscape?: boolean }): Promise<Buffer>;
  close(): Promise<void>;
}

/** A page that takes longer than this to print is a bug or a bomb; it is abandoned. */
const RENDER_TIMEOUT_MS = 30_000;
/** Pages printed at once per process: Chromium uses a core per page while it lays out. */
const CONCURRENT = 2;

/**
 * PDFs from the same HTML the printable pages show, printed by headless Chromium (the
 * `CHROMIUM_PATH` binary). The browser starts on the first request and is reused. Scripts are
 * off and every network request is refused: a page prints only what it carries.
 */
export function createPdfRenderer(o: { chromiumPath: string; logger: Logger }): PdfRenderer {
  let browser: Promise<Browser> | undefined;
  let active = 0;
  const waiting: (() => void)[] = [];

  const launch = (): Promise<Browser> => {
    if (!existsSync(o.chromiumPath))
      throw new AppError(
        'service.unavailable',
        `PDF: no Chromium at CHROMIUM_PATH=${o.chromiumPath}; apt-get install chromium fonts-noto-cjk`,
      );
    // Loaded on the first print: the library takes longer to load than the rest of the server.
    browser ??= import('playwright-core')
      .then(({ chromium }) =>
        chromium.launch({
          executablePath: o.chromiumPath,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        }),
      )
      .then((b) => {
        b.on('disconnected', () => (browser = undefined));
        return b;
      })
      .catch((err: unknown) => {
        browser = undefined;
        o.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'pdf: launch');
        throw new AppError('service.unavailable', 'PDF: Chromium did not start');
      });
    return browser;
  };

  async function slot(): Promise<void> {
    if (active < CONCURRENT) {
      active++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else active--;
  }

  return {
    async render(html, opts = {}) {
      await slot();
      try {
        const b = await launch();
        const ctx = await b.newContext({ javaScriptEnabled: false, offline: true });
        try {
          const page = await ctx.newPage();
          page.setDefaultTimeout(RENDER_TIMEOUT_MS);
          await page.route('**/*', (route) =>
            route.request().url().startsWith('data:') ? route.continue() : route.abort(),
          );
          await page.setContent(html, { waitUntil: 'load' });
          return await page.pdf({
            format: 'A4',
            landscape: opts.landscape ?? false,
            printBackground: true,
            margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
          });
        } finally {
          await ctx.close();
        }
      } finally {
        release();
      }
    },
    async close() {
      const b = await browser?.catch(() => undefined);
      browser = undefined;
      await b?.close();
    },
  };
}
