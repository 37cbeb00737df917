import { useId } from 'react';
import type { ReactNode } from 'react';

/** How healthy a figure is; colour repeats what the card's text already says. */
export type Tone = 'ok' | 'warn' | 'bad';

/** One figure of the status page, a small landmark named by its heading. */
export function StatusCard({
  title,
  tone,
  children,
}: {
  title: string;
  tone: Tone;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className={`card tone-${tone}`} aria-labelledby={id}>
      <h2 id={id} className="card-title">
        <span className="tone-dot" aria-hidden="true" />
        {title}
      </h2>
      {children}
    </section>
  );
}
