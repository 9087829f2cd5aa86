import { describe, expect, it } from 'vitest';
import { fieldDefinitionSchema } from './fields';
import { blankField, moved, withKind } from './designer-model';

describe('the designer’s editing rules', () => {
  const named = { ...blankField(), name: 'schoolName', labelZh: '学校名称', labelEn: 'School name', hintZh: '全称', hintEn: 'Full name', isRequired: false };

  it('keeps what every kind shares when a field changes kind, and starts the rest from that kind’s defaults', () => {
    for (const kind of ['text', 'select', 'date', 'district', 'address', 'registry'] as const) {
      const field = withKind(named, kind);
      expect(field).toMatchObject({ kind, name: 'schoolName', labelZh: '学校名称', labelEn: 'School name', hintZh: '全称', hintEn: 'Full name', isRequired: false });
    }
    expect(withKind(named, 'select')).toMatchObject({ options: [{ value: '', zh: '', en: '' }] });
    expect(withKind(withKind(named, 'select'), 'text')).not.toHaveProperty('options');
    // Every kind but the choice (whose one option is still blank) is a valid field as it starts.
    for (const kind of ['text', 'date', 'district', 'address', 'registry'] as const) expect(fieldDefinitionSchema.safeParse(withKind(named, kind)).success, kind).toBe(true);
  });

  it('moves an item up or down and ignores a move past either end', () => {
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 3)).toEqual(['a', 'b', 'c']);
  });
});
