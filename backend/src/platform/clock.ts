/** Time is injected so deadlines and drills can be tested and replayed at speed. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
