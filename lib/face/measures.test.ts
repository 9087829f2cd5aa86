import { describe, expect, it } from 'vitest';
import { DEFAULT_CHALLENGE_ACTIONS, getFaceConfig } from './config';
import { detectActions, explainMissedAction, isNeutralPose, oppositeAction, type FacePose } from './measures';

const t = getFaceConfig({});
const pose = (p: Partial<FacePose>): FacePose => ({ yaw: 0, pitch: 0, eyeOpenness: { left: 0.38, right: 0.38 }, mouthOpenness: 0.01, ...p });

// Values measured in Chromium on the fake camera streams built from the face fixtures.
describe('the capture page’s pose rules', () => {
  it('takes a roughly frontal, level, open-eyed, closed-mouth face as neutral, and nothing else', () => {
    expect(isNeutralPose(pose({ yaw: 0.04, pitch: -0.05 }), t)).toBe(true);
    expect(isNeutralPose(pose({ yaw: 0.25, pitch: -0.01, mouthOpenness: 0.025 }), t)).toBe(true); // B-6
    expect(isNeutralPose(pose({ yaw: -0.43 }), t)).toBe(false); // A-2, head turned
    expect(isNeutralPose(pose({ pitch: 0.15 }), t)).toBe(false); // A-5, head down
    expect(isNeutralPose(pose({ mouthOpenness: 0.112 }), t)).toBe(false); // A-6, mouth open
    expect(isNeutralPose(pose({ eyeOpenness: { left: 0.0, right: 0.13 } }), t)).toBe(false); // eyes closed
  });

  it('sees each action relative to the neutral frame', () => {
    const a1 = pose({ yaw: 0.04, pitch: -0.05, mouthOpenness: 0.015 });
    expect(detectActions(a1, pose({ yaw: -0.43 }), t)).toEqual(['turn_left']);
    expect(detectActions(a1, pose({ yaw: 0.45 }), t)).toEqual(['turn_right']);
    expect(detectActions(a1, pose({ yaw: 0.02, pitch: 0.15 }), t)).toEqual(['nod']);
    expect(detectActions(a1, pose({ yaw: 0.01, pitch: 0.03, mouthOpenness: 0.112 }), t)).toEqual(['open_mouth']);
    expect(detectActions(a1, pose({ eyeOpenness: { left: 0.05, right: 0.1 } }), t)).toEqual(['blink']);
    expect(detectActions(a1, a1, t)).toEqual([]);
  });
});

describe('why the page gave up waiting for an action', () => {
  it('says the face was lost, the head turned the wrong way, or the movement was too slow — in that order', () => {
    expect(explainMissedAction({ consecutiveFramesWithoutFace: 3, sawWrongDirection: true })).toBe('face_lost');
    expect(explainMissedAction({ consecutiveFramesWithoutFace: 1, sawWrongDirection: true })).toBe('wrong_direction');
    expect(explainMissedAction({ consecutiveFramesWithoutFace: 0, sawWrongDirection: false })).toBe('too_slow');
  });
  it('knows the turns as each other’s wrong way, and nothing else', () => {
    expect(oppositeAction('turn_left')).toBe('turn_right');
    expect(oppositeAction('turn_right')).toBe('turn_left');
    expect(oppositeAction('nod')).toBeUndefined();
  });
});

describe('the default action pool', () => {
  it('is what the fake-camera e2e shows passing: no blink, at least 3 actions', () => {
    expect(getFaceConfig({}).challengeActions).toEqual([...DEFAULT_CHALLENGE_ACTIONS]);
    expect(DEFAULT_CHALLENGE_ACTIONS).not.toContain('blink');
    expect(getFaceConfig({ FACE_CHALLENGE_ACTIONS: 'turn_left,nod,blink' }).challengeActions).toContain('blink');
  });
});
