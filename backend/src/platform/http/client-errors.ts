import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorCatalog, type ErrorCode } from '@muster/contracts';
import type { Logger } from '../logger.ts';
import { errorBody } from './errors.ts';

/** How long a refused connection is read and discarded before it is closed. */
const LINGER_MS = 5_000;

/** Node's HTTP parser refuses a request before Express sees it: what the client is told. */
function refusal(err: NodeJS.ErrnoException): { code: ErrorCode; detail: string } {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'request.headers_too_large', detail: '16 KiB' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADERS_TIMEOUT':
      return { code: 'request.timeout', detail: '' };
    default:
      // The parser's reason (e.g. HPE_INVALID_METHOD), never the request's own bytes.
      return { code: 'request.unreadable', detail: err.code ?? 'malformed' };
  }
}

/**
 * Answers a request Node's HTTP parser refused (a URL or headers over 16 KiB, bytes that are not
 * HTTP, a request too slow to arrive) with the contract's error body, as every other refusal is
 * answered, instead of Node's bare status line. The connection is then read to its end (or for
 * LINGER_MS) and closed: closing it while the client is still sending a large request would
 * reset it, and the client would see a broken connection instead of the answer.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { code, detail } = refusal(err);
    const status = errorCatalog[code].status;
    const body = JSON.stringify(errorBody(code, detail, undefined));
    logger.info({ code: err.code, status }, 'refused an unreadable HTTP request');
    socket.end(
      `HTTP/1.1 ${status} ${code}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
    const linger = setTimeout(() => socket.destroy(), LINGER_MS);
    linger.unref();
    socket.on('close', () => clearTimeout(linger));
    socket.on('error', () => socket.destroy());
    socket.resume();
  });
}
