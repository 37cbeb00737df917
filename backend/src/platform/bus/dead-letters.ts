import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { deadLetterSubject } from './streams.ts';

/**
 * Sends a message its consumer has given up on to that consumer's dead-letter subject, with the
 * reason, the original subject and the delivery count in headers, and ends its deliveries.
 */
export async function sendToDeadLetters(
  js: JetStreamClient,
  namespace: string,
  durable: string,
  msg: JsMsg,
  reason: string,
): Promise<void> {
  const h = headers();
  h.set('Muster-Dead-Letter-Reason', reason.slice(0, 500).replace(/[\r\n]+/g, ' '));
  h.set('Muster-Consumer', durable);
  h.set('Muster-Original-Subject', msg.subject);
  h.set('Muster-Deliveries', String(msg.info.deliveryCount));
  await js.publish(deadLetterSubject(namespace, durable), msg.data, { headers: h });
  // A bare +TERM: a reason with it (`+TERM <reason>`) needs nats-server 2.10, and a 2.9 server
  // ignores the whole acknowledgement, so the message would come back after the ack wait. The
  // reason travels in the dead letter's headers.
  msg.term();
}
