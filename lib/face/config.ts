import { getEnv } from '@/lib/env';
import { parseFaceConfig, type FaceConfig } from './parse-face-config';

export { DEFAULT_CHALLENGE_ACTIONS, parseFaceConfig, type FaceConfig } from './parse-face-config';

/** The deployment's face-check thresholds (FACE_* through lib/env.ts); pass an env object in tests to get a fresh config. */
export function getFaceConfig(env?: Record<string, string | undefined>): FaceConfig {
  return env ? parseFaceConfig(env) : getEnv().face;
}
