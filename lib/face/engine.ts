import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Config, FaceResult, Human } from '@vladmandic/human';
import { getEnv } from '@/lib/env';
import { getFaceConfig } from './config';
import { measureEyeOpenness, measureMouthOpenness } from './measures';

export type FaceBox = { x: number; y: number; width: number; height: number };

export type DetectedFace = {
  box: FaceBox;
  /** Detector × mesh confidence, 0…1. */
  confidence: number;
  /** Radians; yaw < 0 = head turned to the person's own left in an unmirrored image, pitch > 0 = head down. */
  yaw: number;
  pitch: number;
  roll: number;
  /** Lid gap / eye-region height per eye (the person's left/right); ≈0.3–0.5 open, < 0.2 closed. */
  eyeOpenness: { left: number; right: number };
  /** Lip gap / face height; ≈0.01 closed, > 0.05 clearly open. */
  mouthOpenness: number;
  embedding: number[];
  antispoofScore: number;
  livenessScore: number;
};

export type FaceAnalysis = { width: number; height: number; faces: DetectedFace[] };

export class ImageDecodeError extends Error {}

type FaceEngine = { human: Human; analyze: (bytes: Uint8Array) => Promise<FaceAnalysis> };

// Overridable so a standalone/bundled deployment can point at copied folders.
const humanDir = () => path.join(process.cwd(), 'node_modules', '@vladmandic', 'human');
const modelsDir = () => getEnv().FACE_MODELS_DIR ?? path.join(humanDir(), 'models');
const wasmDir = () => getEnv().FACE_WASM_DIR ?? path.join(process.cwd(), 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');

// human merges a deep partial config at runtime but types its constructor with a shallow
// Partial<Config>, hence the cast at the end.
function buildHumanConfig(): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: `${pathToFileURL(wasmDir()).href}/`,
    modelBasePath: `${pathToFileURL(modelsDir()).href}/`,
    debug: false,
    cacheModels: false,
    // Uploaded frames are unrelated stills, not a video stream: never reuse a previous result.
    cacheSensitivity: 0,
    skipAllowed: false,
    warmup: 'none',
    filter: { enabled: false },
    face: {
      enabled: true,
      // Several faces must be seen to be refused, so detect more than one.
      detector: { enabled: true, rotation: false, maxDetected: 5, minConfidence: 0.2, skipFrames: 0, skipTime: 0 },
      mesh: { enabled: true },
      iris: { enabled: true },
      description: { enabled: true, skipFrames: 0, skipTime: 0 },
      emotion: { enabled: false },
      antispoof: { enabled: true, skipFrames: 0, skipTime: 0 },
      liveness: { enabled: true, skipFrames: 0, skipTime: 0 },
      attention: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  } as Partial<Config>;
}

// Node's fetch cannot read file:// URLs, and tfjs-core has no file loader without tfjs-node, so
// model URLs under our models folder are served from disk by a tfjs load router — scoped to tfjs,
// instead of patching the process-wide fetch.
function registerModelFileLoader(human: Human): void {
  const prefix = pathToFileURL(modelsDir()).href;
  human.tf.io.registerLoadRouter((url: string | string[]) => {
    if (typeof url !== 'string' || !url.startsWith(prefix)) return null;
    return {
      load: async () => {
        const jsonPath = new URL(url);
        // signature/userDefinedMetadata matter: faceres is read by output name.
        const { weightsManifest, ...artifacts } = JSON.parse(await readFile(jsonPath, 'utf8')) as {
          weightsManifest: { paths: string[]; weights: unknown[] }[];
        } & Record<string, unknown>;
        const buffers = await Promise.all(
          weightsManifest.flatMap((group) => group.paths).map((p) => readFile(new URL(p, jsonPath))),
        );
        const all = Buffer.concat(buffers);
        return {
          ...artifacts,
          weightSpecs: weightsManifest.flatMap((group) => group.weights),
          weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
        } as never;
      },
    };
  });
}

/** Decodes JPEG or PNG without native dependencies into RGB pixels, refusing oversized images. */
export function decodeImage(bytes: Uint8Array, maxMegapixels: number): { width: number; height: number; rgb: Uint8Array } {
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  try {
    if (isJpeg) {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: maxMegapixels, maxMemoryUsageInMB: 256 });
      return { width: img.width, height: img.height, rgb: img.data };
    }
    if (isPng) {
      const png = PNG.sync.read(Buffer.from(bytes));
      if (png.width * png.height > maxMegapixels * 1e6) throw new ImageDecodeError('image too large');
      const rgb = new Uint8Array(png.width * png.height * 3);
      for (let i = 0, j = 0; i < png.data.length; i += 4, j += 3) {
        rgb[j] = png.data[i]!;
        rgb[j + 1] = png.data[i + 1]!;
        rgb[j + 2] = png.data[i + 2]!;
      }
      return { width: png.width, height: png.height, rgb };
    }
  } catch (error) {
    throw error instanceof ImageDecodeError ? error : new ImageDecodeError(`undecodable image: ${(error as Error).message}`);
  }
  throw new ImageDecodeError('not a JPEG or PNG image');
}

function toDetectedFace(face: FaceResult): DetectedFace {
  const [x, y, width, height] = face.box;
  return {
    box: { x, y, width, height },
    confidence: face.score,
    yaw: face.rotation?.angle.yaw ?? 0,
    pitch: face.rotation?.angle.pitch ?? 0,
    roll: face.rotation?.angle.roll ?? 0,
    eyeOpenness: measureEyeOpenness(face.mesh),
    mouthOpenness: measureMouthOpenness(face.mesh),
    embedding: face.embedding ?? [],
    antispoofScore: face.real ?? 0,
    livenessScore: face.live ?? 0,
  };
}

let enginePromise: Promise<FaceEngine> | undefined;

/** One Human instance per process; models are loaded once, on first use. */
export function getFaceEngine(): Promise<FaceEngine> {
  enginePromise ??= createFaceEngine().catch((error: unknown) => {
    enginePromise = undefined; // let a later call retry instead of caching the failure
    throw error;
  });
  return enginePromise;
}

// The Node WASM build (pure JS + WASM from npm, no native tfjs-node binary). human's package
// "exports" map does not expose it as a valid subpath, so it is required by file path.
function loadHumanWasmBuild(): { Human: new (config: Partial<Config>) => Human } {
  const requireFromApp = createRequire(path.join(process.cwd(), 'package.json'));
  return requireFromApp(path.join(humanDir(), 'dist', 'human.node-wasm.js')) as { Human: new (config: Partial<Config>) => Human };
}

async function createFaceEngine(): Promise<FaceEngine> {
  const { Human } = loadHumanWasmBuild();
  const human = new Human(buildHumanConfig());
  registerModelFileLoader(human);
  await human.load();
  const { maxFrameMegapixels } = getFaceConfig();
  // human keeps per-instance state between calls, so detections run one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const analyze = (bytes: Uint8Array): Promise<FaceAnalysis> => {
    const run = async (): Promise<FaceAnalysis> => {
      const { width, height, rgb } = decodeImage(bytes, maxFrameMegapixels);
      const tensor = human.tf.tensor3d(rgb, [height, width, 3], 'int32');
      try {
        const result = await human.detect(tensor as never);
        if (result.error) throw new Error(`face detection failed: ${result.error}`);
        return { width, height, faces: result.face.map(toDetectedFace) };
      } finally {
        human.tf.dispose(tensor);
      }
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  return { human, analyze };
}

/** Detects and measures every face in a JPEG/PNG image. Throws ImageDecodeError on bad bytes. */
export async function analyzeImage(bytes: Uint8Array): Promise<FaceAnalysis> {
  const engine = await getFaceEngine();
  return engine.analyze(bytes);
}

/**
 * Similarity of two face embeddings on human's scale (its `match.similarity` with default
 * options), without its rounding to 2 decimals so thresholds can be calibrated precisely.
 */
export function measureSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || a.length !== b.length) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  const distance = 25 * sum;
  return Math.max(0, Math.min(1, (1 - Math.sqrt(distance) / 100 - 0.2) / 0.6));
}
