import { useEffect, useRef, useState } from 'react';

/**
 * After a refused submission, focus the first control marked `aria-invalid` in the form, so a
 * keyboard or screen-reader user lands on what to correct. Call `refused()` once the errors are
 * set; the focus moves after they are drawn.
 */
export function useFocusFirstInvalid<E extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<E>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  return { ref, refused: () => setRefusals((n) => n + 1) };
}
