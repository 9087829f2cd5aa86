import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskIdNumbersInText, maskName, maskPhone } from './mask';
import { makeIdNumber } from '@/lib/identity/id-number';

describe('maskIdNumber', () => {
  it('keeps the first 3 and last 4 characters and masks the middle 11', () => {
    expect(maskIdNumber('42010619900307123X')).toBe('420***********123X');
    expect(maskIdNumber('420106199003071238')).toBe('420***********1238');
    expect(maskIdNumber('420106199003071238')).toHaveLength(18);
  });

  it('hides the birth date and area digits entirely', () => {
    const masked = maskIdNumber('420106199003071238');
    expect(masked).not.toContain('106');
    expect(masked).not.toContain('1990');
    expect(masked).not.toContain('0307');
  });

  it('trims and never leaks short or odd input', () => {
    expect(maskIdNumber(' 420106199003071238 ')).toBe('420***********1238');
    expect(maskIdNumber('1234567')).toBe('*******');
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('420106900307123')).toBe('420********7123'); // legacy 15-digit
  });
});

describe('maskName', () => {
  it('keeps only the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('  李四 ')).toBe('李*');
  });

  it('masks a single character completely and keeps empty empty', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('counts characters outside the BMP as one', () => {
    // 𠮷 (U+20BB7) is a surrogate pair in UTF-16.
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskName('张𠮷')).toBe('张*');
  });
});

describe('maskPhone', () => {
  it('masks the middle four digits of a mainland mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
  });

  it('keeps a +86 prefix', () => {
    expect(maskPhone('+86 138 1234 5678')).toBe('+86138****5678');
    expect(maskPhone('8613812345678')).toBe('86138****5678');
  });

  it('masks other numbers to first 3 and last 4, or entirely when short', () => {
    expect(maskPhone('02787654321')).toBe('027****4321');
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone('')).toBe('');
  });
});

describe('maskIdNumbersInText', () => {
  const id = makeIdNumber('420106', '1990-03-07', 123);

  it('masks every ID number in a log line', () => {
    const line = `citizen ${id} submitted; spouse=11010519491231002X, child:11010519491231002x.`;
    expect(maskIdNumbersInText(line)).toBe(
      'citizen 420***********1238 submitted; spouse=110***********002X, child:110***********002x.',
    );
  });

  it('masks IDs inside JSON and next to Chinese text', () => {
    expect(maskIdNumbersInText(JSON.stringify({ idNumber: id }))).toBe('{"idNumber":"420***********1238"}');
    expect(maskIdNumbersInText(`身份证号${id}已核验`)).toBe('身份证号420***********1238已核验');
  });

  it('masks ID-looking tokens even when the check digit is wrong', () => {
    expect(maskIdNumbersInText('bad 420106199003071239')).toBe('bad 420***********1239');
  });

  it('leaves shorter and longer digit runs alone', () => {
    const text = 'phone 13812345678, tracking 4201061990030712381, ref 42010619900307123, amount 100';
    expect(maskIdNumbersInText(text)).toBe(text);
  });

  it('returns text without IDs unchanged', () => {
    expect(maskIdNumbersInText('')).toBe('');
    expect(maskIdNumbersInText('nothing to see here')).toBe('nothing to see here');
  });
});
