// The capture page's face models, run in a dedicated module worker so the page's main thread never
// waits for them (a WASM inference takes 0.1–1 s per frame on a slow machine; on the main thread that
// froze the page and starved the camera preview). Served as /face/face-worker.mjs: copied into
// public/face/ by scripts/copy-face-assets.mjs, beside human's browser bundle, models and WASM.
//
// Protocol (one request at a time; the page waits for each answer before sending the next):
//   page → { type: 'init' }                              ← { type: 'ready' } | { type: 'error', message }
//   page → { type: 'stream', readable }                  (Chromium: the camera's VideoFrames, read here)
//   page → { type: 'detect', id, frame?: ImageBitmap }   ← { type: 'faces', id, faces: [{ score, yaw, pitch, landmarks }] }
//   page → { type: 'encode', id }                        ← { type: 'jpeg', id, blob }   (the last detected frame)
// Where the browser has MediaStreamTrackProcessor the page hands over the camera's frame stream and
// does no per-frame work at all; elsewhere it grabs each frame with createImageBitmap and sends it.
// The frame that is measured is the frame that is encoded and sent: nothing is re-grabbed in between.

/** Mesh indices used by measureEyeOpenness and measureMouthOpenness (lib/face/measures.ts). */
const MEASURED_LANDMARKS = [374, 386, 443, 450, 145, 159, 223, 230, 13, 14, 10, 152];

/** @type {Promise<any> | undefined} */
let humanPromise;
/** @type {OffscreenCanvas | undefined} */
let canvas;
/** @type {OffscreenCanvasRenderingContext2D | null} */
let context = null;

function loadHuman(backend) {
  humanPromise ??= (async () => {
    const mod = await import('/face/human.esm.js');
    const human = new mod.Human({
      backend,
      wasmPath: '/face/wasm/',
      modelBasePath: '/face/models/',
      debug: false,
      async: true,
      warmup: 'none',
      // Consecutive frames are compared with nothing: every frame is detected afresh (no cached boxes
      // from the previous pose, which would measure the new pose inside the old face's box).
      cacheSensitivity: 0,
      skipAllowed: false,
      filter: { enabled: false },
      face: {
        enabled: true,
        detector: { rotation: false, maxDetected: 3, minConfidence: 0.3, skipFrames: 0, skipTime: 0 },
        mesh: { enabled: true },
        iris: { enabled: true, skipFrames: 0, skipTime: 0 },
        description: { enabled: false },
        emotion: { enabled: false },
        antispoof: { enabled: false },
        liveness: { enabled: false },
        attention: { enabled: false },
      },
      body: { enabled: false },
      hand: { enabled: false },
      object: { enabled: false },
      gesture: { enabled: false },
      segmentation: { enabled: false },
    });
    await human.load();
    return human;
  })();
  humanPromise.catch(() => {
    humanPromise = undefined;
  });
  return humanPromise;
}

// The camera stream, when the page handed it over: only the newest frame is kept (older ones are
// closed at once, so the camera never stalls), numbered so each detection takes a frame not seen before.
/** @type {ReadableStreamDefaultReader<VideoFrame> | undefined} */
let reader;
/** @type {VideoFrame | undefined} */
let latestFrame;
let latestSeq = 0;
let detectedSeq = 0;
/** @type {(() => void) | undefined} */
let onFrame;

async function pump(readable) {
  await reader?.cancel().catch(() => undefined);
  latestFrame?.close();
  latestFrame = undefined;
  const own = readable.getReader();
  reader = own;
  for (;;) {
    const { value, done } = await own.read().catch(() => ({ value: undefined, done: true }));
    if (done || reader !== own) {
      value?.close();
      return;
    }
    latestFrame?.close();
    latestFrame = value;
    latestSeq++;
    onFrame?.();
  }
}

async function nextStreamFrame() {
  while (!latestFrame || latestSeq <= detectedSeq) await new Promise((resolve) => (onFrame = resolve));
  onFrame = undefined;
  detectedSeq = latestSeq;
  const frame = latestFrame;
  latestFrame = undefined;
  return frame;
}

async function detect(given) {
  const human = await humanPromise;
  const frame = given ?? (await nextStreamFrame());
  const width = frame.displayWidth ?? frame.width;
  const height = frame.displayHeight ?? frame.height;
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  context.drawImage(frame, 0, 0);
  frame.close();
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  const result = await human.detect(image);
  // Only the landmarks the page's measures read (lib/face/measures.ts: eyes, lips, brow-to-chin), so
  // each answer is a few hundred bytes for the page to take in, not the whole 468-point mesh.
  return result.face.map((f) => ({
    score: f.score,
    yaw: f.rotation?.angle?.yaw ?? 0,
    pitch: f.rotation?.angle?.pitch ?? 0,
    landmarks: Object.fromEntries(MEASURED_LANDMARKS.map((i) => [i, [f.mesh[i]?.[0] ?? 0, f.mesh[i]?.[1] ?? 0]])),
  }));
}

/**
 * WebGL where a GPU draws it; otherwise WASM. A software WebGL (SwiftShader, llvmpipe — what a
 * machine without a GPU gets) takes seconds per frame, the WASM backend about a tenth of a second.
 * Asked here, not on the page: creating even a throw-away WebGL context can take a software
 * renderer hundreds of milliseconds.
 */
function chooseBackend() {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return 'wasm';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    return /swiftshader|llvmpipe|software|basic render/i.test(renderer) ? 'wasm' : 'webgl';
  } catch {
    return 'wasm';
  }
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === 'init') {
      await loadHuman(chooseBackend());
      self.postMessage({ type: 'ready' });
    } else if (message.type === 'stream') {
      detectedSeq = latestSeq;
      void pump(message.readable);
    } else if (message.type === 'detect') {
      self.postMessage({ type: 'faces', id: message.id, faces: await detect(message.frame) });
    } else if (message.type === 'encode') {
      if (!canvas) throw new Error('no frame to encode');
      self.postMessage({ type: 'jpeg', id: message.id, blob: await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 }) });
    }
  } catch (error) {
    self.postMessage({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
};
