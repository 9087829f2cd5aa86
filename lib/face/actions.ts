// The challenge's vocabulary, shared by the server and the capture page (so: no Node imports here).

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

