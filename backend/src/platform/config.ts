import { hostname } from 'node:os';
import { ZBackendConfigChecked, type TBackendConfig } from '@muster/contracts';

export type Config = TBackendConfig & { INSTANCE_ID: string };

/** Raised when a setting is bad or missing; its message names each setting and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Muster cannot start: fix these settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment; never returns a half-valid config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ZBackendConfigChecked.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  return { ...parsed.data, INSTANCE_ID: parsed.data.INSTANCE_ID ?? `${hostname()}-${process.pid}` };
}
