import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface Tab<K extends string> {
  key: K;
  label: ReactNode;
}

/**
 * WAI-ARIA tabs: one tab stop; arrow keys, Home and End move between tabs and select them.
 * The panel is `portal-panel-<key>`, labelled by its tab.
 */
export function PortalTabs<K extends string>({
  tabs,
  current,
  onSelect,
  label,
}: {
  tabs: readonly Tab<K>[];
  current: K;
  onSelect: (k: K) => void;
  label: string;
}) {
  const list = useRef<HTMLDivElement>(null);
  const move = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.key === current);
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    const next = tabs[to];
    if (!next) return;
    e.preventDefault();
    onSelect(next.key);
    list.current?.querySelector<HTMLButtonElement>(`#portal-tab-${next.key}`)?.focus();
  };
  return (
    <div className="portal-tabs" role="tablist" aria-label={label} ref={list} onKeyDown={move}>
      {tabs.map((t) => (
        <button
          key={t.key}
          id={`portal-tab-${t.key}`}
          type="button"
          role="tab"
          aria-selected={t.key === current}
          aria-controls={`portal-panel-${t.key}`}
          tabIndex={t.key === current ? 0 : -1}
          onClick={() => onSelect(t.key)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** The panel of one tab. */
export function TabPanel({ k, children }: { k: string; children: ReactNode }) {
  return (
    <div
      id={`portal-panel-${k}`}
      role="tabpanel"
      aria-labelledby={`portal-tab-${k}`}
      tabIndex={0}
      className="portal-panel"
    >
      {children}
    </div>
  );
}
