// The challenge's vocabulary, shared by the server and the capture page (so: no Node imports here).

// Every action the server can verify. The default pool (lib/face/config.ts) is a subset: only the
// actions a fake-camera e2e shows passing from the fixtures.
export const CHALLENGE_ACTIONS = ['turn_left', 'turn_right', 'nod', 'blink', 'open_mouth'] as const;
export type ChallengeAction = (typeof CHALLENGE_ACTIONS)[number];
/** The first captured frame is a plain look at the camera: every action is measured against it. */
export type ActionOrNeutral = ChallengeAction | 'neutral';

export const ACTION_INSTRUCTIONS: Record<ActionOrNeutral, { zh: string; en: string }> = {
  neutral: { zh: '请正对镜头，保持不动', en: 'Look straight at the camera and hold still' },
  turn_left: { zh: '请向左转头', en: 'Turn your head to the left' },
  turn_right: { zh: '请向右转头', en: 'Turn your head to the right' },
  nod: { zh: '请点头（低头）', en: 'Nod (tilt your head down)' },
  blink: { zh: '请眨眼', en: 'Blink your eyes' },
  open_mouth: { zh: '请张嘴', en: 'Open your mouth' },
};


/** The action's name, for "waiting for …" and "… failed" (the instruction is a whole sentence). */
export const ACTION_NAMES: Record<ActionOrNeutral, { zh: string; en: string }> = {
  neutral: { zh: '正对镜头', en: 'looking straight at the camera' },
  turn_left: { zh: '向左转头', en: 'turning your head left' },
  turn_right: { zh: '向右转头', en: 'turning your head right' },
  nod: { zh: '点头', en: 'nodding' },
  blink: { zh: '眨眼', en: 'blinking' },
  open_mouth: { zh: '张嘴', en: 'opening your mouth' },
};

/** Why the page gave up waiting for an action: the face left the frame, the wrong way was turned, or nothing came in time. */
export type CaptureFailure = 'face_lost' | 'wrong_direction' | 'too_slow';
