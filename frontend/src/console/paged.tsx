import { useCallback } from 'react';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { useT } from '../i18n/i18n.tsx';
import { query, useConsoleApi } from './api.ts';
import { SelectField } from '../forms/fields.tsx';
import { Empty, Loaded, Pager } from './states.tsx';
import { useCursorPages, useEvery, useLoad } from './use-load.ts';
import type { Load } from './use-load.ts';

/** Rows per page of every console list: a screenful on a desktop. */
const PAGE_SIZE = 20;

type PageShape = { items: readonly unknown[]; nextCursor: string | null };

export interface Paged<T extends PageShape> {
  load: Load<T> & { reload: () => void };
  pages: ReturnType<typeof useCursorPages>;
}

/**
 * One page of a cursor-paged list at `path` with the filter `params`, fetched again when they
 * change, on `reload()` and every `refreshMs` (0: never).
 */
export function usePaged<S extends z.ZodType<PageShape>>(
  schema: S,
  path: string,
  params: Record<string, string | number | undefined>,
  refreshMs = 0,
): Paged<z.output<S>> {
  const api = useConsoleApi();
  const pages = useCursorPages();
  const url = `${path}${query({ ...params, limit: PAGE_SIZE, cursor: pages.cursor })}`;
  const fetcher = useCallback(
    (signal: AbortSignal) => api.get(url, schema, signal),
    [api, url, schema],
  );
  const load = useLoad(fetcher);
  useEvery(refreshMs, load.reload);
  return { load, pages };
}

/** The list's loading, error and empty states, its items, and the pager under them. */
export function PagedItems<T extends PageShape>({
  paged,
  empty,
  children,
}: {
  paged: Paged<T>;
  empty: string;
  children: (data: T) => ReactNode;
}) {
  const { load, pages } = paged;
  return (
    <Loaded load={load} reload={load.reload}>
      {(data) =>
        data.items.length === 0 ? (
          <Empty>{empty}</Empty>
        ) : (
          <>
            {children(data)}
            <Pager
              page={pages.page}
              nextCursor={data.nextCursor}
              onNext={pages.next}
              onPrevious={pages.previous}
            />
          </>
        )
      }
    </Loaded>
  );
}

/** The status filter above a list: "all" or one status; a change starts again at page 1. */
export function StatusFilter<V extends string>({
  id,
  value,
  values,
  labelOf,
  onChange,
  paged,
  label,
  all = true,
}: {
  id: string;
  value: V | '';
  values: readonly V[];
  labelOf: (v: V) => string;
  onChange: (v: V | '') => void;
  paged: { pages: { reset: () => void } };
  label?: string;
  all?: boolean;
}) {
  const t = useT();
  return (
    <SelectField
      id={id}
      label={label ?? t('console.filter.status')}
      value={value}
      onChange={(e) => {
        onChange(e.target.value as V | '');
        paged.pages.reset();
      }}
      options={[
        ...(all ? [{ value: '', label: t('console.filter.all') }] : []),
        ...values.map((v) => ({ value: v, label: labelOf(v) })),
      ]}
    />
  );
}
