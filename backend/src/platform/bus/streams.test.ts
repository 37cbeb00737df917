import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nanos } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { eventSchemas, subjectFor } from '@muster/contracts';
import { connectBus, type BusConnection } from './connection.ts';
import { provisionStreams } from './streams.ts';
import { createTestEnv, type TestEnv } from '../../testing/env.ts';
import { createLogger } from '../logger.ts';

describe('stream provisioning', () => {
  let env: TestEnv;
  let bus: BusConnection;
  const settings = () => ({
    namespace: env.namespace,
    dedupWindowS: 60,
    eventsMaxAgeDays: 7,
    positionsMaxAgeS: 600,
    replicas: 1,
  });

  beforeAll(async () => {
    env = await createTestEnv();
    bus = await connectBus({
      servers: env.natsUrl,
      name: 'streams-test',
      logger: createLogger({ level: 'silent', instanceId: 't' }),
    });
  });

  afterAll(async () => {
    await bus?.close();
    await env?.cleanup();
  });

  it('is safe when several instances provision at once, and again later', async () => {
    const all = await Promise.all(
      [1, 2, 3].map(() => provisionStreams(bus.nc, bus.jsm, eventSchemas, settings())),
    );
    const names = all[0]!;
    await provisionStreams(bus.nc, bus.jsm, eventSchemas, settings());
    const events = await bus.jsm.streams.info(names.events);
    const of = (kind: string) =>
      Object.entries(eventSchemas)
        .filter(([, d]) => d.stream === kind)
        .map(([t]) => subjectFor(env.namespace, t));
    expect(events.config.subjects).toEqual(of('events'));
    expect(events.config.duplicate_window).toBe(nanos(60_000));
    const positions = await bus.jsm.streams.info(names.positions);
    expect(positions.config.max_age).toBe(nanos(600_000));
    expect(positions.config.subjects).toEqual(of('positions'));
    expect(of('positions')).toContain(subjectFor(env.namespace, 'forces.position.reported'));
    const kv = await new Kvm(bus.nc).open(names.lastPositionsBucket);
    expect((await kv.status()).history).toBe(1);
  });

  it('drops a re-published event id within the de-duplication window', async () => {
    const names = await provisionStreams(bus.nc, bus.jsm, eventSchemas, settings());
    const before = (await bus.jsm.streams.info(names.events)).state.messages;
    const subject = subjectFor(env.namespace, 'system.probe.sent');
    const first = await bus.js.publish(subject, '{}', { msgID: 'same-event-id' });
    const again = await bus.js.publish(subject, '{}', { msgID: 'same-event-id' });
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect((await bus.jsm.streams.info(names.events)).state.messages).toBe(before + 1);
  });
});
