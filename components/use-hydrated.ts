'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page, true afterwards. A form whose
 * submit is handled in the browser keeps its button disabled until then: pressed earlier, the browser
 * would send the form itself and what was typed would be lost (app/structure.test.ts makes every
 * such form a POST, so nothing typed reaches the address either).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
