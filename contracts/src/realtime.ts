/**
 * Socket.IO event maps, defined once and used by the server (`new Server<ClientToServerEvents,
 * ServerToClientEvents>()`) and the browser (`io<...>()`).
 */
import { z } from 'zod';

export const ZServerHello = z.object({
  instanceId: z.string(),
  serverTime: z.string(),
});

export interface ServerToClientEvents {
  'server:hello': (hello: z.infer<typeof ZServerHello>) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- clients send nothing yet
export interface ClientToServerEvents {}
