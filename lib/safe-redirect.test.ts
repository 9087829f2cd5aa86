import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './safe-redirect';

describe('safeLocalPath', () => {
  it('keeps same-site paths and refuses anything that could leave the site', () => {
    expect(safeLocalPath('/me/apply/household-transfer-spouse', '/wallet')).toBe('/me/apply/household-transfer-spouse');
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, 42, '/me<script>']) {
      expect(safeLocalPath(bad, '/wallet')).toBe('/wallet');
    }
  });
});
