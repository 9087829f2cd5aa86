import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeIdNumber } from '@/lib/identity/id-number';
import { runMasked } from './logging';

describe('runMasked', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs a failure with ID numbers masked and rethrows an error that carries none', async () => {
    const id = makeIdNumber('420106', '2001-06-15', 501);
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
    const failure = runMasked('submit', async () => {
      throw new Error(`Failed query: select * from residents where id_number = $1 params: ${id}`);
    });
    await expect(failure).rejects.toThrow('Internal error in submit');
    await failure.catch((error: Error) => expect(error.message).not.toContain(id));
    expect(logged.join('\n')).toContain('Failed query');
    expect(logged.join('\n')).not.toContain(id);
    expect(logged.join('\n')).toContain(id.slice(0, 3));
  });

  it('lets Next redirects through untouched and returns results as they are', async () => {
    const redirect = Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/me;307;' });
    await expect(runMasked('x', async () => Promise.reject(redirect))).rejects.toBe(redirect);
    await expect(runMasked('x', async () => 42)).resolves.toBe(42);
  });
});
