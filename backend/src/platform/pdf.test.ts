import { describe, expect, it } from 'vitest';
import { AppError } from '@muster/contracts';
import { createLogger } from './logger.ts';
import { createPdfRenderer } from './pdf.ts';

const logger = createLogger({ level: 'silent', instanceId: 'test' });

describe('pdf renderer', () => {
  it('prints a page with Chinese text as a PDF, with remote resources refused', async () => {
    const pdf = createPdfRenderer({ chromiumPath: '/usr/bin/chromium', logger });
    try {
      const out = await pdf.render(
        `<!doctype html><meta charset="utf-8"><h1>调查评估报告</h1>
         <img src="http://127.0.0.1:9/never.png"><svg width="100" height="20"><rect width="50" height="20"/></svg>`,
      );
      expect(out.subarray(0, 5).toString()).toBe('%PDF-');
      expect(out.length).toBeGreaterThan(1000);
    } finally {
      await pdf.close();
    }
  });

  it('answers 503 naming the setting when Chromium is missing', async () => {
    const pdf = createPdfRenderer({ chromiumPath: '/nonexistent/chromium', logger });
    const err = await pdf.render('<p>x</p>').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(503);
    expect((err as AppError).detail).toContain('CHROMIUM_PATH');
  });
});
