// Pure face measurements shared by the server's verdict (lib/face/verify-real-person.ts) and the
// capture page's live guidance (which only decides when to take a frame; the server re-measures).
import type { CaptureFailure, ChallengeAction } from './actions';

/** What a frame shows, in the units the thresholds use. */
export type FacePose = {
  /** Radians; yaw < 0 = head turned to the person's own left in an unmirrored image, pitch > 0 = head down. */
  yaw: number;
  pitch: number;
  /** Lid gap / eye-region height per eye; ≈0.3–0.5 open, < 0.2 closed. */
  eyeOpenness: { left: number; right: number };
  /** Lip gap / face height; ≈0.01 closed, > 0.05 clearly open. */
  mouthOpenness: number;
};

export type ActionThresholds = {
  minTurnYawDelta: number;
  minNodPitchDelta: number;
  maxClosedEyeOpenness: number;
  minOpenEyeOpenness: number;
  minMouthOpenDelta: number;
};

type Mesh = ReadonlyArray<ReadonlyArray<number | undefined> | undefined>;

// Landmark indices of the 468-point face mesh, the same ones human's own gesture module uses.
export function measureEyeOpenness(mesh: Mesh): { left: number; right: number } {
  const ratio = (a: number, b: number, c: number, d: number) => {
    const gap = Math.abs((mesh[a]?.[1] ?? 0) - (mesh[b]?.[1] ?? 0));
    const height = Math.abs((mesh[c]?.[1] ?? 0) - (mesh[d]?.[1] ?? 0));
    return height > 0 ? gap / height : 0;
  };
  return { left: ratio(374, 386, 443, 450), right: ratio(145, 159, 223, 230) };
}

export function measureMouthOpenness(mesh: Mesh): number {
  const gap = Math.abs((mesh[13]?.[1] ?? 0) - (mesh[14]?.[1] ?? 0));
  const faceHeight = Math.abs((mesh[10]?.[1] ?? 0) - (mesh[152]?.[1] ?? 0));
  return faceHeight > 0 ? gap / faceHeight : 0;
}

/** Which challenge actions a frame shows compared with the neutral frame. */
export function detectActions(neutral: FacePose, frame: FacePose, t: ActionThresholds): ChallengeAction[] {
  const yawDelta = frame.yaw - neutral.yaw;
  const pitchDelta = frame.pitch - neutral.pitch;
  const mouthDelta = frame.mouthOpenness - neutral.mouthOpenness;
  const eyesClosed = Math.max(frame.eyeOpenness.left, frame.eyeOpenness.right) <= t.maxClosedEyeOpenness;
  const eyesWereOpen = Math.min(neutral.eyeOpenness.left, neutral.eyeOpenness.right) >= t.minOpenEyeOpenness;
  const detected: ChallengeAction[] = [];
  // yaw < 0 is the person's own left in an unmirrored camera frame (the page uploads unmirrored frames).
  if (yawDelta <= -t.minTurnYawDelta) detected.push('turn_left');
  if (yawDelta >= t.minTurnYawDelta) detected.push('turn_right');
  // "Look up / nod": either direction of pitch counts.
  if (Math.abs(pitchDelta) >= t.minNodPitchDelta) detected.push('nod');
  if (eyesClosed && eyesWereOpen) detected.push('blink');
  if (mouthDelta >= t.minMouthOpenDelta) detected.push('open_mouth');
  return detected;
}

/**
 * A frame fit to be the neutral reference: roughly facing the camera, head level, eyes open, mouth
 * closed. The yaw bound is loose (people rarely sit square to a phone: fixture B's most frontal
 * photo measures 0.25) yet excludes a real turn (A-2: −0.42). Used by the capture page only; the
 * server measures every action against whatever neutral frame it receives.
 */
export function isNeutralPose(pose: FacePose, t: ActionThresholds): boolean {
  return (
    Math.abs(pose.yaw) < 1.5 * t.minTurnYawDelta &&
    Math.abs(pose.pitch) < t.minNodPitchDelta &&
    Math.min(pose.eyeOpenness.left, pose.eyeOpenness.right) >= t.minOpenEyeOpenness &&
    pose.mouthOpenness < 1.5 * t.minMouthOpenDelta
  );
}

/** The movement that is the wrong way round for an action (turning right when asked to turn left). */
export function oppositeAction(action: ChallengeAction): ChallengeAction | undefined {
  if (action === 'turn_left') return 'turn_right';
  if (action === 'turn_right') return 'turn_left';
  return undefined;
}

/** What the page saw while it waited for one action, enough to say why the wait ran out. */
export type WaitObservation = { consecutiveFramesWithoutFace: number; sawWrongDirection: boolean };

/** Why an action was not seen in time: the face had left the frame, it moved the wrong way, or it was too slow. */
export function explainMissedAction(observed: WaitObservation): CaptureFailure {
  if (observed.consecutiveFramesWithoutFace >= 2) return 'face_lost';
  if (observed.sawWrongDirection) return 'wrong_direction';
  return 'too_slow';
}
