import { z } from 'zod';
import type { ChallengeAction } from './actions';

// Every threshold of the real-person check, overridable per deployment through FACE_* variables.
// Defaults are calibrated on /work/shared/testdata/faces with @vladmandic/human 3.3.6 (default face
// models, WASM backend, see lib/face/verify-real-person.test.ts, which prints the figures).

/** The shipped pool: every action in it is shown passing by the fake-camera e2e. */
export const DEFAULT_CHALLENGE_ACTIONS: readonly ChallengeAction[] = ['turn_left', 'turn_right', 'nod', 'open_mouth'];

const score = z.coerce.number().min(0).max(1);
const positive = z.coerce.number().positive();

const faceConfigSchema = z.object({
  // Similarity uses human's scale (0 = unrelated … 1 = identical embedding). Measured against A-1
  // (frontal, neutral, the kind of photo the registry holds): A's other 7 photos 0.395–0.715,
  // B's 8 photos 0.222–0.360, C 0.293. 0.38 sits in the middle of the 0.360–0.395 gap. Over ALL
  // fixture pairs the sets overlap (lowest same-person pair 0.255, B-1↔B-2; highest other-person
  // pair 0.465, A-8↔B-2): two non-frontal or expressive photos compare worse than anything compared
  // with a frontal one, so no threshold is right for arbitrary pairs. It is meaningful only against
  // a frontal registry photo, and each captured frame (but the blink frame) must clear it alone.
  FACE_MIN_REGISTRY_SIMILARITY: score.default(0.38),
  // Every frame is also compared with the session's neutral frame. On stills this cannot tell
  // people apart (other-person pairs reach 0.465, A-8↔B-2), so it only guards against a gross swap;
  // it is set for the hardest genuine case, a closed-eye frame: B-1/B-4 (eyes closed) measure
  // 0.255–0.278 against B's open-eyed photos. Blink frames are exempt from the registry
  // threshold for that reason; all other frames must clear it as well.
  FACE_MIN_SAME_PERSON_SIMILARITY: score.default(0.25),
  // The anti-spoof "real" score of genuine photos here is low-ish (A 0.42–0.76, B 0.51–0.74,
  // C 0.79): the model is compressed on high-quality photos, so the bar leaves margin below 0.42.
  FACE_MIN_ANTISPOOF_SCORE: score.default(0.3),
  // Liveness measured 0.78–1.0 on every fixture.
  FACE_MIN_LIVENESS_SCORE: score.default(0.5),
  // Pose deltas in radians relative to the neutral frame. A-2 (head turned to the person's own
  // left, unmirrored image) yaw −0.42 vs A-1 0.03; pitch +0.15…0.17 vs A-1 −0.04.
  FACE_MIN_TURN_YAW_DELTA: positive.default(0.25),
  FACE_MIN_NOD_PITCH_DELTA: positive.default(0.12),
  // Eye openness = lid gap / eye-region height (human's blink gesture uses 0.2). Open eyes measure
  // 0.29–0.49; B-1 0.00/0.13 and B-4 0.00/0.23 are closed.
  FACE_MAX_CLOSED_EYE_OPENNESS: score.default(0.25),
  FACE_MIN_OPEN_EYE_OPENNESS: score.default(0.27),
  // Mouth openness = lip gap / face height. Closed 0.000–0.019; 0.053, A-6 0.125.
  FACE_MIN_MOUTH_OPEN_DELTA: score.default(0.03),
  FACE_CHALLENGE_TTL_SECONDS: z.coerce.number().int().min(10).max(600).default(60),
  // A webcam JPEG is ~100–300 KB; the limits bound decoding cost of hostile uploads.
  FACE_MAX_FRAME_BYTES: z.coerce.number().int().positive().default(4 * 1024 * 1024),
  FACE_MAX_FRAME_MEGAPIXELS: positive.default(4),
  FACE_MIN_DETECTION_CONFIDENCE: score.default(0.5),
  // Which actions a challenge may ask for (3 are drawn at random). A deployment may drop one its
  // cameras cannot show reliably; at least 3 must remain. The default is what e2e/real-person.spec.ts
  // shows passing in Chromium with a fake camera made from the fixtures: blink is verifiable by the
  // server (lib/face/measures.ts) but left out until there are closed-eye frames of a person whose
  // registry photo is frontal (persona A has none; only B, who has no frontal photo, closes the eyes).
  FACE_CHALLENGE_ACTIONS: z
    .string()
    .default(DEFAULT_CHALLENGE_ACTIONS.join(','))
    .transform((s) => s.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['turn_left', 'turn_right', 'nod', 'blink', 'open_mouth'])).min(3))
    .refine((a) => new Set(a).size === a.length, 'actions must not repeat'),
  // Captured frames are audit evidence for this long, then a job deletes them (scores stay).
  FACE_FRAME_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export type FaceConfig = {
  minRegistrySimilarity: number;
  minSamePersonSimilarity: number;
  minAntispoofScore: number;
  minLivenessScore: number;
  minTurnYawDelta: number;
  minNodPitchDelta: number;
  maxClosedEyeOpenness: number;
  minOpenEyeOpenness: number;
  minMouthOpenDelta: number;
  challengeTtlMs: number;
  maxFrameBytes: number;
  maxFrameMegapixels: number;
  minDetectionConfidence: number;
  challengeActions: ChallengeAction[];
  frameRetentionDays: number;
};

/**
 * The face-check thresholds from FACE_* variables (lib/env.ts parses them once per process with the
 * rest of the environment); empty strings count as unset, like every variable there.
 */
export function parseFaceConfig(env: Record<string, string | undefined>): FaceConfig {
  const source = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('FACE_') && v !== undefined && v.trim() !== ''));
  const parsed = faceConfigSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid face-check configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const config: FaceConfig = {
    minRegistrySimilarity: e.FACE_MIN_REGISTRY_SIMILARITY,
    minSamePersonSimilarity: e.FACE_MIN_SAME_PERSON_SIMILARITY,
    minAntispoofScore: e.FACE_MIN_ANTISPOOF_SCORE,
    minLivenessScore: e.FACE_MIN_LIVENESS_SCORE,
    minTurnYawDelta: e.FACE_MIN_TURN_YAW_DELTA,
    minNodPitchDelta: e.FACE_MIN_NOD_PITCH_DELTA,
    maxClosedEyeOpenness: e.FACE_MAX_CLOSED_EYE_OPENNESS,
    minOpenEyeOpenness: e.FACE_MIN_OPEN_EYE_OPENNESS,
    minMouthOpenDelta: e.FACE_MIN_MOUTH_OPEN_DELTA,
    challengeTtlMs: e.FACE_CHALLENGE_TTL_SECONDS * 1000,
    maxFrameBytes: e.FACE_MAX_FRAME_BYTES,
    maxFrameMegapixels: e.FACE_MAX_FRAME_MEGAPIXELS,
    minDetectionConfidence: e.FACE_MIN_DETECTION_CONFIDENCE,
    challengeActions: e.FACE_CHALLENGE_ACTIONS,
    frameRetentionDays: e.FACE_FRAME_RETENTION_DAYS,
  };
  return config;
}
