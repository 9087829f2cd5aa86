import 'server-only';
import { createHash } from 'node:crypto';
import { CHALLENGE_ACTIONS, type ActionOrNeutral, type Challenge, type ChallengeAction } from './challenge';
import { getFaceConfig, type FaceConfig } from './config';
import { detectActions } from './measures';
import { analyzeImage, ImageDecodeError, measureSimilarity, type DetectedFace, type FaceAnalysis } from './engine';

export type RealPersonFrame = { action: ActionOrNeutral; capturedAt: Date; bytes: Uint8Array };

export type RealPersonReason =
  | 'ok'
  | 'expired'
  | 'no_face'
  | 'several_faces'
  | 'wrong_order'
  | 'no_movement'
  | 'spoof'
  | 'not_live'
  | 'different_people'
  | 'no_match'
  | 'bad_input';

/** Everything measured for one frame, kept with the decision so a refusal can be explained later. */
export type FrameScores = {
  index: number;
  action: ActionOrNeutral;
  capturedAt: string;
  sha256: string;
  faceCount?: number;
  confidence?: number;
  yaw?: number;
  pitch?: number;
  roll?: number;
  eyeOpennessLeft?: number;
  eyeOpennessRight?: number;
  mouthOpenness?: number;
  antispoofScore?: number;
  livenessScore?: number;
  registrySimilarity?: number;
  /** Similarity to the session's neutral frame. */
  samePersonSimilarity?: number;
  /** Change relative to the neutral frame. */
  yawDelta?: number;
  pitchDelta?: number;
  mouthOpennessDelta?: number;
  /** Challenge actions whose thresholds this frame meets (measured on action frames only). */
  detectedActions?: ChallengeAction[];
};

export type RealPersonScores = {
  frames: FrameScores[];
  registryFaceCount?: number;
  /** Index into `frames` of the frame that decided a refusal, if one did. */
  failedFrame?: number;
  /** A short machine-readable detail for bad_input and similar refusals. */
  detail?: string;
  thresholds: FaceConfig;
};

export type RealPersonVerdict = { passed: boolean; reason: RealPersonReason; scores: RealPersonScores };

export type VerifyRealPersonInput = {
  challenge: Challenge;
  frames: RealPersonFrame[];
  registryPhoto: Uint8Array;
  now: Date;
  config?: FaceConfig;
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// The registry photo of a citizen is the same at every attempt: its analysis (a fifth of the work of
// a verdict) is kept per process, keyed by the photo's hash, for the most recent photos.
const REGISTRY_CACHE_SIZE = 256;
const registryAnalyses = new Map<string, Promise<FaceAnalysis>>();

function analyzeRegistryPhoto(bytes: Uint8Array): Promise<FaceAnalysis> {
  const key = sha256(bytes);
  const cached = registryAnalyses.get(key);
  if (cached) {
    registryAnalyses.delete(key); // re-insert: most recently used last
    registryAnalyses.set(key, cached);
    return cached;
  }
  const analysis = analyzeImage(bytes);
  registryAnalyses.set(key, analysis);
  analysis.catch(() => registryAnalyses.delete(key));
  while (registryAnalyses.size > REGISTRY_CACHE_SIZE) registryAnalyses.delete(registryAnalyses.keys().next().value!);
  return analysis;
}

export { detectActions };

function refuse(reason: Exclude<RealPersonReason, 'ok'>, scores: RealPersonScores, extra?: { failedFrame?: number; detail?: string }): RealPersonVerdict {
  return { passed: false, reason, scores: { ...scores, ...extra } };
}

function validateShape(challenge: Challenge, frames: RealPersonFrame[], registryPhoto: Uint8Array, config: FaceConfig): string | undefined {
  const known = new Set<string>(CHALLENGE_ACTIONS);
  if (challenge.actions.length === 0 || new Set(challenge.actions).size !== challenge.actions.length) return 'challenge_actions';
  if (!challenge.actions.every((a) => known.has(a))) return 'challenge_actions';
  if (frames.length !== challenge.actions.length + 1) return 'frame_count';
  if (frames.some((f) => Number.isNaN(f.capturedAt.getTime()))) return 'captured_at';
  if (frames.some((f) => f.action !== 'neutral' && !known.has(f.action))) return 'frame_action';
  if (frames.some((f) => f.bytes.length === 0 || f.bytes.length > config.maxFrameBytes)) return 'frame_size';
  if (registryPhoto.length === 0) return 'registry_photo';
  return undefined;
}

/**
 * Server-side verdict of the real-person check. The browser's own verdict is never an input:
 * the frames are re-analysed here. Expected frames: a neutral frame, then one frame per challenge
 * action in the challenge's order, captured within [issuedAt, expiresAt] with increasing times.
 *
 * Checks run cheapest first (shape, deadline, order), then on the analysed faces: one face per
 * frame, anti-spoofing, liveness, match to the registry photo, same person throughout, and
 * finally the challenged movements. The first failing check decides the reason.
 */
export async function verifyRealPerson(input: VerifyRealPersonInput): Promise<RealPersonVerdict> {
  const { challenge, frames, registryPhoto, now } = input;
  const config = input.config ?? getFaceConfig();
  const frameScores: FrameScores[] = frames.map((f, index) => ({
    index,
    action: f.action,
    capturedAt: Number.isNaN(f.capturedAt.getTime()) ? 'invalid' : f.capturedAt.toISOString(),
    sha256: sha256(f.bytes),
  }));
  const scores: RealPersonScores = { frames: frameScores, thresholds: config };

  const shapeProblem = validateShape(challenge, frames, registryPhoto, config);
  if (shapeProblem) return refuse('bad_input', scores, { detail: shapeProblem });

  const issuedAt = challenge.issuedAt.getTime();
  const expiresAt = challenge.expiresAt.getTime();
  if (now.getTime() > expiresAt) return refuse('expired', scores, { detail: 'challenge_expired' });
  const outside = frames.findIndex((f) => f.capturedAt.getTime() < issuedAt || f.capturedAt.getTime() > expiresAt);
  if (outside >= 0) return refuse('expired', scores, { failedFrame: outside, detail: 'captured_outside_window' });

  if (frames[0]!.action !== 'neutral') return refuse('bad_input', scores, { failedFrame: 0, detail: 'first_frame_not_neutral' });
  const misplaced = frames.slice(1).findIndex((f, i) => f.action !== challenge.actions[i]);
  if (misplaced >= 0) {
    // The right actions in another order is a wrong order; anything else is malformed.
    const sameSet = [...frames.slice(1).map((f) => f.action)].sort().join() === [...challenge.actions].sort().join();
    return refuse(sameSet ? 'wrong_order' : 'bad_input', scores, { failedFrame: misplaced + 1, detail: 'frame_labels' });
  }
  const backwards = frames.findIndex((f, i) => i > 0 && f.capturedAt.getTime() <= frames[i - 1]!.capturedAt.getTime());
  if (backwards >= 0) return refuse('wrong_order', scores, { failedFrame: backwards, detail: 'timestamps_not_increasing' });

  let registryFace: DetectedFace;
  const faces: DetectedFace[] = [];
  try {
    const registry = await analyzeRegistryPhoto(registryPhoto);
    const registryFaces = registry.faces.filter((f) => f.confidence >= config.minDetectionConfidence);
    scores.registryFaceCount = registryFaces.length;
    if (registryFaces.length !== 1) return refuse('bad_input', scores, { detail: 'registry_photo_faces' });
    registryFace = registryFaces[0]!;

    for (const [index, frame] of frames.entries()) {
      const analysis = await analyzeImage(frame.bytes);
      const found = analysis.faces.filter((f) => f.confidence >= config.minDetectionConfidence);
      const s = frameScores[index]!;
      s.faceCount = found.length;
      if (found.length === 0) return refuse('no_face', scores, { failedFrame: index });
      if (found.length > 1) return refuse('several_faces', scores, { failedFrame: index });
      const face = found[0]!;
      Object.assign(s, {
        confidence: face.confidence,
        yaw: face.yaw,
        pitch: face.pitch,
        roll: face.roll,
        eyeOpennessLeft: face.eyeOpenness.left,
        eyeOpennessRight: face.eyeOpenness.right,
        mouthOpenness: face.mouthOpenness,
        antispoofScore: face.antispoofScore,
        livenessScore: face.livenessScore,
        registrySimilarity: measureSimilarity(face.embedding, registryFace.embedding),
      } satisfies Partial<FrameScores>);
      faces.push(face);
    }
  } catch (error) {
    if (error instanceof ImageDecodeError) return refuse('bad_input', scores, { detail: `undecodable_image: ${error.message}` });
    throw error;
  }

  const spoofed = frameScores.findIndex((s) => s.antispoofScore! < config.minAntispoofScore);
  if (spoofed >= 0) return refuse('spoof', scores, { failedFrame: spoofed });
  const notLive = frameScores.findIndex((s) => s.livenessScore! < config.minLivenessScore);
  if (notLive >= 0) return refuse('not_live', scores, { failedFrame: notLive });

  // Every frame must match the registry on its own, so a different person cannot do some steps.
  // Except the blink frame: closed eyes cost the embedding too much (see config), so it only has
  // to pass the same-person check against the neutral frame below.
  const unmatched = frameScores.findIndex((s) => s.action !== 'blink' && s.registrySimilarity! < config.minRegistrySimilarity);
  if (unmatched >= 0) return refuse('no_match', scores, { failedFrame: unmatched });

  const neutral = faces[0]!;
  for (const [index, face] of faces.entries()) {
    frameScores[index]!.samePersonSimilarity = measureSimilarity(face.embedding, neutral.embedding);
  }
  const stranger = frameScores.findIndex((s) => s.samePersonSimilarity! < config.minSamePersonSimilarity);
  if (stranger >= 0) return refuse('different_people', scores, { failedFrame: stranger });

  for (let index = 1; index < frames.length; index++) {
    const face = faces[index]!;
    const s = frameScores[index]!;
    s.yawDelta = face.yaw - neutral.yaw;
    s.pitchDelta = face.pitch - neutral.pitch;
    s.mouthOpennessDelta = face.mouthOpenness - neutral.mouthOpenness;
    s.detectedActions = detectActions(neutral, face, config);
  }
  // A replayed still (same bytes as an earlier frame) shows nothing new, whatever the model says.
  const replayed = frameScores.findIndex((s, i) => frameScores.slice(0, i).some((earlier) => earlier.sha256 === s.sha256));
  if (replayed >= 0) return refuse('no_movement', scores, { failedFrame: replayed, detail: 'repeated_frame' });
  for (let index = 1; index < frames.length; index++) {
    const expected = challenge.actions[index - 1]!;
    const detected = frameScores[index]!.detectedActions!;
    if (detected.includes(expected)) continue;
    // Another challenged action instead of this one means the steps were done out of order.
    const otherChallenged = detected.some((a) => a !== expected && challenge.actions.includes(a));
    return refuse(otherChallenged ? 'wrong_order' : 'no_movement', scores, { failedFrame: index });
  }

  return { passed: true, reason: 'ok', scores };
}
