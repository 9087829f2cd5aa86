import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/lib/i18n/translate';
import { dictionaryFor } from '@/lib/i18n/messages';
import { refusalBeforeSending } from './before-sending';

const photo = { acceptedTypes: ['image/jpeg', 'image/png'] as ('image/jpeg' | 'image/png')[], maxMegabytes: 5 };

describe('refusalBeforeSending', () => {
  it('refuses a photo over the limit before a byte is sent, and says why in both languages', () => {
    const code = refusalBeforeSending({ name: 'car.jpg', size: 5 * 1024 * 1024 + 1, type: 'image/jpeg' }, photo);
    expect(code).toBe('too_large');
    expect(createTranslator('zh-CN', dictionaryFor('zh-CN')).t(`services.refusal.${code!}`, { mb: 5 })).toBe('文件超过 5 MB');
    expect(createTranslator('en', dictionaryFor('en')).t(`services.refusal.${code!}`, { mb: 5 })).toBe('The file is larger than 5 MB');
  });
  it('refuses a type the document does not take (by MIME type, else by extension) and an empty file; sends the rest for the server to inspect', () => {
    expect(refusalBeforeSending({ name: 'car.pdf', size: 1000, type: 'application/pdf' }, photo)).toBe('type_not_allowed');
    expect(refusalBeforeSending({ name: 'car.pdf', size: 1000, type: '' }, photo)).toBe('type_not_allowed');
    expect(refusalBeforeSending({ name: 'car.png', size: 0, type: 'image/png' }, photo)).toBe('empty');
    expect(refusalBeforeSending({ name: 'car.png', size: 5 * 1024 * 1024, type: 'image/png' }, photo)).toBeNull();
    // What only the bytes can tell (a PNG named .jpg, a polyglot) is the server's to find.
    expect(refusalBeforeSending({ name: 'car.jpg', size: 1000, type: 'image/jpeg' }, photo)).toBeNull();
    expect(refusalBeforeSending({ name: 'scan', size: 1000, type: '' }, photo)).toBeNull();
  });
});
