import { describe, expect, it } from 'vitest';
import { readableText } from '@/lib/i18n/problem';
import {
  WUHAN_DISTRICTS,
  computeCheckDigit,
  isKnownAreaCode,
  makeIdNumber,
  maskIdNumber,
  maskName,
  maskPhone,
  parseIdNumber,
} from './id-number';
import { PROVINCES } from './area-codes';
import { currentAreaCodes, findAreaName } from './area-names';

// A fixed "today" so date-range tests do not depend on when they run.
const NOW = new Date('2026-11-28T10:00:00+08:00');

function expectError(raw: string, error: string, now: Date = NOW) {
  const result = parseIdNumber(raw, { now });
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.error).toBe(error);
    // Every message is a reference with a text in both languages.
    expect(result.message).toMatch(/^problems\.identity\.idNumber\./);
    expect(readableText(result.message, 'zh-CN')).toMatch(/^[\u4e00-\u9fff]/);
    expect(readableText(result.message, 'en')).toMatch(/^[A-Z][a-z]/);
  }
  return result;
}

// Builds 17 digits + a correct check digit without makeIdNumber's calendar check.
function withCheckDigit(first17: string): string {
  return first17 + computeCheckDigit(first17);
}

describe('WUHAN_DISTRICTS', () => {
  it('lists the 13 districts of the brief, all known area codes', () => {
    expect(WUHAN_DISTRICTS).toHaveLength(13);
    expect(WUHAN_DISTRICTS[0]).toEqual({ code: '420102', name: '江岸区' });
    expect(WUHAN_DISTRICTS.find((d) => d.code === '420104')?.name).toBe('硚口区');
    expect(WUHAN_DISTRICTS.at(-1)).toEqual({ code: '420117', name: '新洲区' });
    for (const d of WUHAN_DISTRICTS) expect(isKnownAreaCode(d.code)).toBe(true);
    expect(findAreaName('420106')).toBe('湖北省武汉市武昌区');
  });
});

describe('isKnownAreaCode', () => {
  it('accepts every current county-level code of the GB/T 2260 data, in all 31 mainland provinces', () => {
    const codes = currentAreaCodes();
    expect(codes.length).toBeGreaterThan(2800);
    expect(new Set(codes.map((c) => c.slice(0, 2))).size).toBe(31);
    expect(codes.filter((code) => !isKnownAreaCode(code))).toEqual([]);
  });

  it('accepts retired codes no current list holds, and prefecture-level codes of cities without counties', () => {
    // 崇文区, 宣武区 (Beijing, 2010), 卢湾区, 闸北区 (Shanghai), 崇明县, 东山区, 芳村区 (Guangzhou), 郧县 (Shiyan), 巢湖地区含山县 (340524).
    for (const code of ['110103', '110104', '310103', '310108', '310230', '440102', '440107', '420321', '340524']) {
      expect(findAreaName(code), code).toBeUndefined();
      expect(isKnownAreaCode(code), code).toBe(true);
    }
    for (const code of ['441900', '442000', '460400', '620200']) expect(isKnownAreaCode(code), code).toBe(true); // 东莞, 中山, 儋州, 嘉峪关
  });

  it('refuses an unknown province prefix, a province code alone, and a prefecture part GB/T 2260 never uses', () => {
    for (const code of ['999999', '000000', '001234', '990101', '100101', '720101', '830000', '420000', '110000', '420000', '427101', '428001', '420001', '42010', '4201066', '']) {
      expect(isKnownAreaCode(code), code).toBe(false);
    }
  });

  it('names a code from the data, province first', () => {
    expect(findAreaName('420281')).toBe('湖北省黄石市大冶市');
    expect(findAreaName('429004')).toBe('湖北省仙桃市');
    expect(findAreaName('500101')).toBe('重庆市万州区');
    expect(findAreaName('110105')).toBe('北京市朝阳区');
    expect(findAreaName('422801')).toBe('湖北省恩施土家族苗族自治州恩施市');
    expect(PROVINCES).toHaveLength(34);
  });
});

describe('computeCheckDigit', () => {
  it('matches hand-computed ISO 7064 MOD 11-2 values', () => {
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → 'X'
    expect(computeCheckDigit('11010519491231002')).toBe('X');
    // 4·7+2·9+0+1·5+0+6·4+1·2+9·1+9·6+0+0+3·9+0+7·5+1·8+2·4+3·2 = 224; 224 mod 11 = 4 → '8'
    expect(computeCheckDigit('42010619900307123')).toBe('8');
    // 4·7+2·9+0+1·5+0+2·4+1·2+9·1+8·6+5·3+0+6·9+1·10+5·5+0+5·4+1·2 = 244; 244 mod 11 = 2 → 'X'
    expect(computeCheckDigit('42010219850615051')).toBe('X');
  });

  it('produces every symbol of the remainder map', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 1000 && seen.size < 11; seq++) {
      seen.add(makeIdNumber('420106', '1990-01-01', seq).charAt(17));
    }
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it('refuses input that is not 17 digits', () => {
    expect(() => computeCheckDigit('1234')).toThrow(RangeError);
    expect(() => computeCheckDigit('1101051949123100X')).toThrow(RangeError);
  });
});

describe('makeIdNumber', () => {
  it('assembles area, date, padded sequence and check digit', () => {
    expect(makeIdNumber('110105', '1949-12-31', 2)).toBe('11010519491231002X');
    expect(makeIdNumber('420106', '1990-03-07', 123)).toBe('420106199003071238');
  });

  it('rejects malformed arguments', () => {
    expect(() => makeIdNumber('4201', '1990-01-01', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('420106', '1999-02-30', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('420106', '19900101', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('420106', '1990-01-01', 1000)).toThrow(RangeError);
    expect(() => makeIdNumber('420106', '1990-01-01', -1)).toThrow(RangeError);
    expect(() => makeIdNumber('420106', '1990-01-01', 1.5)).toThrow(RangeError);
  });

  it('round-trips through parseIdNumber for every Wuhan district', () => {
    WUHAN_DISTRICTS.forEach((d, i) => {
      const id = makeIdNumber(d.code, '1998-06-15', i * 37);
      const result = parseIdNumber(id, { now: NOW });
      expect(result).toEqual({
        ok: true,
        value: {
          idNumber: id,
          areaCode: d.code,
          birthDate: '1998-06-15',
          sequence: String(i * 37).padStart(3, '0'),
          sex: (i * 37) % 2 === 1 ? 'male' : 'female',
        },
      });
    });
  });
});

describe('parseIdNumber — valid numbers', () => {
  it('accepts the numbers of issue 15 that were refused "地区码无效"', () => {
    // 大冶, 孝昌, 武穴, 广水, 恩施, 仙桃, 重庆万州: check digits from the project's own function.
    for (const area of ['420281', '420921', '421182', '421381', '422801', '429004', '500101']) {
      const id = withCheckDigit(`${area}19850615123`);
      expect(parseIdNumber(id, { now: NOW }), id).toMatchObject({ ok: true, value: { areaCode: area } });
    }
    expect(parseIdNumber('34052419800101001X', { now: NOW })).toMatchObject({ ok: true, value: { areaCode: '340524', birthDate: '1980-01-01' } });
  });

  it('accepts a valid number from every one of the 34 provinces, and from retired counties', () => {
    const samples = currentAreaCodes();
    for (const province of PROVINCES) {
      const area = samples.find((c) => c.startsWith(province.code)) ?? `${province.code}0101`;
      const id = withCheckDigit(`${area}19791231042`);
      expect(parseIdNumber(id, { now: NOW }).ok, `${province.name} ${id}`).toBe(true);
    }
    for (const retired of ['110103', '110104', '310103', '440107', '420321']) {
      expect(parseIdNumber(withCheckDigit(`${retired}19600229017`), { now: NOW }).ok, retired).toBe(true);
    }
  });

  it('parses the classic sample 11010519491231002X', () => {
    expect(parseIdNumber('11010519491231002X', { now: NOW })).toEqual({
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        areaCode: '110105',
        birthDate: '1949-12-31',
        sequence: '002',
        sex: 'female',
      },
    });
  });

  it('parses hand-computed Wuhan numbers', () => {
    const a = parseIdNumber('420106199003071238', { now: NOW });
    expect(a.ok && a.value).toMatchObject({ areaCode: '420106', birthDate: '1990-03-07', sequence: '123', sex: 'male' });
    const b = parseIdNumber('42010219850615051X', { now: NOW });
    expect(b.ok && b.value).toMatchObject({ areaCode: '420102', birthDate: '1985-06-15', sex: 'male' });
  });

  it('accepts a lower-case x and normalises it to X', () => {
    const result = parseIdNumber('11010519491231002x', { now: NOW });
    expect(result.ok && result.value.idNumber).toBe('11010519491231002X');
  });

  it('accepts generated numbers ending in X, upper or lower case', () => {
    let found = 0;
    for (let seq = 0; seq < 1000; seq++) {
      const id = makeIdNumber('440305', '2001-02-28', seq);
      if (!id.endsWith('X')) continue;
      found++;
      expect(parseIdNumber(id, { now: NOW }).ok).toBe(true);
      const lower = parseIdNumber(id.toLowerCase(), { now: NOW });
      expect(lower.ok && lower.value.idNumber).toBe(id);
    }
    expect(found).toBeGreaterThan(50);
  });

  it('trims surrounding and embedded spaces (including full-width)', () => {
    for (const raw of ['  420106199003071238 ', '420106 19900307 1238', '\u3000420106199003071238\t']) {
      const result = parseIdNumber(raw, { now: NOW });
      expect(result.ok && result.value.idNumber).toBe('420106199003071238');
    }
  });

  it('derives sex from the parity of the 17th digit', () => {
    for (let seq = 0; seq < 20; seq++) {
      const result = parseIdNumber(makeIdNumber('310101', '1975-10-01', seq), { now: NOW });
      expect(result.ok && result.value.sex).toBe(seq % 2 === 1 ? 'male' : 'female');
    }
  });

  it('accepts the boundary dates 1900-01-01, 2000-02-29 and today (Beijing time)', () => {
    expect(parseIdNumber(makeIdNumber('420106', '1900-01-01', 1), { now: NOW }).ok).toBe(true);
    expect(parseIdNumber(makeIdNumber('420106', '2000-02-29', 1), { now: NOW }).ok).toBe(true);
    expect(parseIdNumber(makeIdNumber('420106', '2026-11-28', 1), { now: NOW }).ok).toBe(true);
    // 01:00 on 28 Nov in Beijing is still 27 Nov in UTC: a baby born on the 28th must be accepted.
    const earlyMorning = new Date('2026-11-27T17:00:00Z');
    expect(parseIdNumber(makeIdNumber('420106', '2026-11-28', 1), { now: earlyMorning }).ok).toBe(true);
  });
});

describe('parseIdNumber — invalid numbers', () => {
  it('rejects a wrong check digit', () => {
    const result = expectError('420106199003071239', 'check_digit');
    expect(!result.ok && readableText(result.message, 'zh-CN')).toBe('身份证号码校验位不正确');
    expect(!result.ok && readableText(result.message, 'en')).toBe('The check digit is wrong');
    expectError('110105194912310021', 'check_digit');
  });

  it('rejects X where a digit is expected, and a digit where X is expected', () => {
    expectError('11010519491231002' + '0', 'check_digit');
    expectError(withCheckDigit('42010619900307123').slice(0, 17) + 'X', 'check_digit');
  });

  it('rejects impossible dates even with a correct check digit', () => {
    expectError(withCheckDigit('42010619990230123'), 'birth_date'); // 30 Feb
    expectError(withCheckDigit('42010620230229123'), 'birth_date'); // 2023 is not a leap year
    expectError(withCheckDigit('42010619001301123'), 'birth_date'); // month 13
    expectError(withCheckDigit('42010619900001123'), 'birth_date'); // month 00
    expectError(withCheckDigit('42010619900100123'), 'birth_date'); // day 00
    expectError(withCheckDigit('42010619900431123'), 'birth_date'); // 31 April
    expectError(withCheckDigit('42010619000229123'), 'birth_date'); // 1900 is not a leap year
  });

  it('rejects birth dates before 1900 and in the future', () => {
    expectError(withCheckDigit('42010618991231123'), 'birth_date');
    expectError(withCheckDigit('42010620261129123'), 'birth_date'); // tomorrow relative to NOW
    expectError(withCheckDigit('42010630000101123'), 'birth_date');
  });

  it('rejects a future birth date against the real clock by default', () => {
    const tomorrow = new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const id = makeIdNumber('420106', tomorrow, 1);
    const result = parseIdNumber(id);
    expect(!result.ok && result.error).toBe('birth_date');
  });

  it('rejects unknown province prefixes and a province code alone', () => {
    expectError(withCheckDigit('99999919900101123'), 'area');
    expectError(withCheckDigit('99010119900101123'), 'area');
    expectError(withCheckDigit('00010119900101123'), 'area');
    expectError(withCheckDigit('42000019900101123'), 'area');
    expectError(withCheckDigit('00000019900101123'), 'area');
  });

  it('rejects wrong lengths', () => {
    expectError('', 'length');
    expectError('   ', 'length');
    expectError('42010619900307123', 'length'); // 17
    expectError('4201061990030712388', 'length'); // 19
    expectError('420106900307123', 'length'); // legacy 15-digit numbers are not accepted
    const result = expectError('1', 'length');
    expect(!result.ok && readableText(result.message, 'en')).toContain('18');
  });

  it('rejects letters and symbols in the body', () => {
    expectError('42010619900101A234', 'characters');
    expectError('X20106199003071238', 'characters');
    expectError('4201061990030712-8', 'characters');
    expectError('42010619900307123Y', 'characters');
    expectError('420106199003071X38', 'characters'); // X only allowed last
    // Full-width digits are not ASCII digits.
    expectError('４２０１０６１９９００３０７１２３８', 'characters');
  });

  it('checks in order: length, characters, area, birth date, check digit', () => {
    expectError('99999919990230ABC', 'length');
    expectError('99999919990230ABCD', 'characters');
    expectError('999999199902301230', 'area');
    expectError('420106199902301230', 'birth_date');
  });
});

describe('masking re-exports', () => {
  it('are available from id-number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskName('张三')).toBe('张*');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
