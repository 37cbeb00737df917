import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorCatalog, type ErrorCode } from '@muster/contracts';
import type { Logger } from '../logger.ts';
import { errorBody } from './errors.ts';

/**
 * A refused connection is read and discarded until the client has been quiet for LINGER_IDLE_MS,
 * at most LINGER_MAX_MS and LINGER_MAX_BYTES, then closed.
 */
const LINGER_IDLE_MS = 5_000;
const LINGER_MAX_MS = 30_000;
const LINGER_MAX_BYTES = 16 * 1024 * 1024;

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
 * answered, instead of Node's bare status line. The connection is then read to its end (within
 * the limits above) and closed: closing it while the client is still sending a large request
 * would reset it, and the client would see a broken connection instead of the answer.
 */
export function answerClientErrors(server: Server, logger: Logger): void {
  /**
   * Sockets already answered, with what to do when more of the refused request arrives: the
   * parser stays attached and reports the same error again for every later chunk.
   */
  const answered = new WeakMap<Duplex, () => void>();
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const more = answered.get(socket);
    if (more) return more();
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
    const close = () => socket.destroy();
    let idle = setTimeout(close, LINGER_IDLE_MS);
    idle.unref();
    const cap = setTimeout(close, LINGER_MAX_MS);
    cap.unref();
    let drained = 0;
    const arrived = (bytes: number) => {
      drained += bytes;
      if (drained > LINGER_MAX_BYTES) return close();
      clearTimeout(idle);
      idle = setTimeout(close, LINGER_IDLE_MS);
      idle.unref();
    };
    // Bytes come as 'data' events, or, while the parser holds the socket, as its repeated errors.
    answered.set(socket, () => arrived(64 * 1024));
    socket.on('data', (chunk: Buffer) => arrived(chunk.length));
    socket.on('close', () => {
      clearTimeout(idle);
      clearTimeout(cap);
    });
    socket.on('error', close);
    socket.resume();
  });
}
