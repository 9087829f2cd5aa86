import { describe, expect, it } from 'vitest';
import { faceCheckAllowance, type FaceCheckDecision } from './attempt-limits';

const T0 = new Date('2026-11-28T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const fails = (n: number, startSecond = 0, gapSeconds = 1): FaceCheckDecision[] =>
  Array.from({ length: n }, (_, i) => ({ decidedAt: at(startSecond + i * gapSeconds), passed: false }));

describe('faceCheckAllowance', () => {
  it('allows four failures in a row without waiting', () => {
    expect(faceCheckAllowance(fails(4), at(4))).toEqual({ allowed: true, consecutiveFailures: 4 });
  });

  it('after the 5th failure waits 30 s, then doubles the wait after each further failure', () => {
    const five = fails(5);
    expect(faceCheckAllowance(five, at(4 + 29))).toMatchObject({ allowed: false, retryAt: at(34), locked: false });
    expect(faceCheckAllowance(five, at(34))).toMatchObject({ allowed: true, consecutiveFailures: 5 });
    const six = [...five, { decidedAt: at(40), passed: false }];
    expect(faceCheckAllowance(six, at(99))).toMatchObject({ allowed: false, retryAt: at(100) });
    const seven = [...six, { decidedAt: at(100), passed: false }];
    expect(faceCheckAllowance(seven, at(150))).toMatchObject({ allowed: false, retryAt: at(220) });
    const nine = [...seven, { decidedAt: at(220), passed: false }, { decidedAt: at(460), passed: false }];
    expect(faceCheckAllowance(nine, at(500))).toMatchObject({ allowed: false, retryAt: at(460 + 480), locked: false });
  });

  it('locks the gate for 24 hours at the 10th failure, then starts the count afresh', () => {
    const ten = fails(10, 0, 1000);
    const lockedAt = at(9000);
    expect(faceCheckAllowance(ten, at(9000 + 23 * 3600))).toMatchObject({ allowed: false, locked: true, retryAt: new Date(lockedAt.getTime() + 86_400_000) });
    expect(faceCheckAllowance(ten, new Date(lockedAt.getTime() + 86_400_000))).toEqual({ allowed: true, consecutiveFailures: 0 });
    // One failure after the lock ran out is the first of a new series, not the 11th.
    const after = [...ten, { decidedAt: new Date(lockedAt.getTime() + 86_400_000 + 5000), passed: false }];
    expect(faceCheckAllowance(after, new Date(lockedAt.getTime() + 86_400_000 + 6000))).toEqual({ allowed: true, consecutiveFailures: 1 });
  });

  it('a pass resets the count, whatever the order the rows arrive in', () => {
    const history = [...fails(4), { decidedAt: at(10), passed: true }, ...fails(4, 20)].reverse();
    expect(faceCheckAllowance(history, at(30))).toEqual({ allowed: true, consecutiveFailures: 4 });
  });
});
