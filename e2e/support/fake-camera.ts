/**
 * Fake camera streams for Chromium (`--use-file-for-fake-video-capture=<file>.y4m`), built from the
 * face fixtures in ../shared/testdata/faces: each pose held for a while, the sequence looping (Chromium
 * restarts the file at its end).
 *
 * Persona A shows every action of the DEFAULT pool (lib/face/config.ts DEFAULT_CHALLENGE_ACTIONS; the
 * e2e server sets no FACE_* variable). The challenge's 3 actions come in random order, so each pose
 * must come round often enough: one loop is 10 + 4 × 8 frames at 5 fps = 8.4 s, so even when every
 * step has just missed its pose the neutral look and the 3 actions are seen within 4 × 8.4 ≈ 34 s,
 * inside the default 60 s (the page stops 3 s before the deadline to upload). Each pose lasts 1.6 s,
 * several detections in the worker even on a loaded 2-core machine.
 *
 * Persona B shows a frontal-ish look and the movements B's photos have (turn left, nod, open mouth; B
 * has no photo turned to the right of their neutral one), so B's refusal is the face match's doing.
 */
import fs from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { E2E_ROOT_DIR, ROOT } from './paths';

export const FACE_FIXTURES = path.resolve(ROOT, '..', 'shared', 'testdata', 'faces');
const WIDTH = 480;
const HEIGHT = 600;
const FPS = 5;

type Pose = { file: string; mirror?: boolean; frames: number };
// Measured with human 3.3.6 (server engine), similarity to A-1: A-1 frontal (yaw 0.03, pitch −0.04);
// A-2 turned to her own left (yaw −0.42, 0.54); A-2 mirrored turned to her right (yaw +0.43, 0.54);
// A-7 head down (pitch +0.17, 0.50 — A-5 nods too but scores 0.41, close to the 0.38 threshold);
// A-6 mouth open (0.125, 0.52). B-6 is B's most frontal photo (yaw 0.23) with eyes open; B-7 mirrored
// turns to B's left (yaw −0.37); B-2 head down (pitch +0.21); B-5 mouth open (0.066).
const STREAMS: Record<'a' | 'b', Pose[]> = {
  a: [
    { file: 'stock-emotions-a-1.jpg', frames: 10 },
    { file: 'stock-emotions-a-2.jpg', frames: 8 },
    { file: 'stock-emotions-a-7.jpg', frames: 8 },
    { file: 'stock-emotions-a-2.jpg', mirror: true, frames: 8 },
    { file: 'stock-emotions-a-6.jpg', frames: 8 },
  ],
  b: [
    { file: 'stock-emotions-b-6.jpg', frames: 10 },
    { file: 'stock-emotions-b-7.jpg', mirror: true, frames: 8 },
    { file: 'stock-emotions-b-2.jpg', frames: 8 },
    { file: 'stock-emotions-b-5.jpg', frames: 8 },
  ],
};

/** Scales (cover, centred) and converts one photo to an I420 frame. */
function toI420(file: string, mirror: boolean): Buffer {
  const img = jpeg.decode(fs.readFileSync(path.join(FACE_FIXTURES, file)), { useTArray: true, formatAsRGBA: true });
  const scale = Math.max(WIDTH / img.width, HEIGHT / img.height);
  const offsetX = (img.width - WIDTH / scale) / 2;
  const offsetY = (img.height - HEIGHT / scale) / 2;
  const rgb = (x: number, y: number): [number, number, number] => {
    let sx = Math.min(img.width - 1, Math.max(0, Math.round(offsetX + x / scale)));
    const sy = Math.min(img.height - 1, Math.max(0, Math.round(offsetY + y / scale)));
    if (mirror) sx = img.width - 1 - sx;
    const i = (sy * img.width + sx) * 4;
    return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
  };
  const ySize = WIDTH * HEIGHT;
  const frame = Buffer.alloc(ySize * 1.5);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const [r, g, b] = rgb(x, y);
      frame[y * WIDTH + x] = Math.max(0, Math.min(255, Math.round(0.257 * r + 0.504 * g + 0.098 * b + 16)));
    }
  }
  const cw = WIDTH / 2;
  for (let y = 0; y < HEIGHT / 2; y++) {
    for (let x = 0; x < cw; x++) {
      const [r, g, b] = rgb(x * 2, y * 2);
      frame[ySize + y * cw + x] = Math.max(0, Math.min(255, Math.round(-0.148 * r - 0.291 * g + 0.439 * b + 128)));
      frame[ySize + ySize / 4 + y * cw + x] = Math.max(0, Math.min(255, Math.round(0.439 * r - 0.368 * g - 0.071 * b + 128)));
    }
  }
  return frame;
}

/** The .y4m file of a persona's stream, written once per checkout (atomically: workers may race). */
export function fakeCameraFile(persona: 'a' | 'b'): string {
  const target = path.join(E2E_ROOT_DIR, `fake-camera-${persona}-v2.y4m`);
  if (fs.existsSync(target)) return target;
  fs.mkdirSync(E2E_ROOT_DIR, { recursive: true });
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`);
  const parts: Buffer[] = [header];
  for (const pose of STREAMS[persona]) {
    const frame = toI420(pose.file, pose.mirror ?? false);
    for (let i = 0; i < pose.frames; i++) parts.push(Buffer.from('FRAME\n'), frame);
  }
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, Buffer.concat(parts));
  fs.renameSync(temp, target);
  return target;
}

/** Chromium flags that replace the camera with a persona's stream. */
export function fakeCameraArgs(persona: 'a' | 'b'): string[] {
  return ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${fakeCameraFile(persona)}`];
}
