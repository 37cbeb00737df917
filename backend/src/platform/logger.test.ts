import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, destination };
}

describe('logger', () => {
  it('redacts personal and secret keys at any depth and keeps the rest', () => {
    const { lines, destination } = capture();
    const log = createLogger({
      level: 'info',
      instanceId: 'x',
      extraPersonalKeys: ['phone', 'idNumber'],
      destination,
    });
    log.info(
      {
        teamId: 't-1',
        member: { phone: '13800138000', idNumber: '110101199003074514', skills: ['boat'] },
        password: 'hunter2',
      },
      'member filed',
    );
    const line = lines.join('');
    expect(line).not.toContain('13800138000');
    expect(line).not.toContain('110101199003074514');
    expect(line).not.toContain('hunter2');
    const obj = JSON.parse(line) as { teamId: string; member: { skills: string[]; phone: string } };
    expect(obj.teamId).toBe('t-1');
    expect(obj.member.skills).toEqual(['boat']);
    expect(obj.member.phone).toBe('[redacted]');
  });
});
