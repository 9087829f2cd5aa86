import { maskIdNumbersInText } from '@/lib/privacy/mask';

/** Logs an unexpected error with ID numbers masked: database errors quote their parameters. */
export function logError(where: string, error: unknown): void {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  console.error(`[${where}] ${maskIdNumbersInText(text)}`);
}

/**
 * Runs a server action or route handler body; an unexpected error is logged masked and replaced by
 * a bare one, so neither the log line Next prints nor anything sent to the browser carries personal data.
 */
export async function runMasked<T>(where: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    // Next's redirect()/notFound() work by throwing: let them through untouched.
    if (error instanceof Error && 'digest' in error && typeof error.digest === 'string' && error.digest.startsWith('NEXT_')) throw error;
    logError(where, error);
    throw new Error(`Internal error in ${where}`);
  }
}
