// The challenge's vocabulary, shared by the server and the capture page (so: no Node imports here).

// Every action the server can verify. The default pool (lib/face/config.ts) is a subset: only the
// actions a fake-camera e2e shows passing from the fixtures.
export const CHALLENGE_ACTIONS = ['turn_left', 'turn_right', 'nod', 'blink', 'open_mouth'] as const;
export type ChallengeAction = (typeof CHALLENGE_ACTIONS)[number];
/** The first captured frame is a plain look at the camera: every action is measured against it. */
export type ActionOrNeutral = ChallengeAction | 'neutral';

// The words for each step (its instruction, its name) are in the dictionary: enrol.face.instruction.<step>
// and enrol.face.action.<step>.

/** Why the page gave up waiting for an action: the face left the frame, the wrong way was turned, or nothing came in time. */
export type CaptureFailure = 'face_lost' | 'wrong_direction' | 'too_slow';
