'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ACTION_INSTRUCTIONS, type ActionOrNeutral, type ChallengeAction } from '@/lib/face/actions';
import { useTranslator } from '@/lib/i18n/client';
import type { Translator } from '@/lib/i18n/translate';
import { detectActions, isNeutralPose, measureEyeOpenness, measureMouthOpenness, type ActionThresholds, type FacePose } from '@/lib/face/measures';

// The guided capture of gate 2. The browser runs small face models (detector, mesh, iris) only to
// know when to take each frame; the verdict is the server's, on the uploaded frames.

type Challenge = { id: string; actions: ChallengeAction[]; issuedAt: string; expiresAt: string };
type Outcome = { passed: boolean; reason: string; message: string; sessionLevel: number; waitMessage?: string };
type ApiResult<T> = { status: 'ok'; data: T } | { status: 'invalid' | 'forbidden' | 'conflict' | 'not_found'; message: string };

type Phase =
  | { kind: 'intro' }
  | { kind: 'starting'; note: string }
  | { kind: 'capturing'; step: number; hint?: string }
  | { kind: 'uploading' }
  | { kind: 'done'; outcome: Outcome }
  | { kind: 'error'; message: string; camera?: boolean };

type HumanFace = { score: number; mesh: number[][]; rotation?: { angle: { yaw: number; pitch: number } } | null };
type HumanInstance = { load: () => Promise<void>; detect: (input: HTMLCanvasElement) => Promise<{ face: HumanFace[] }> };
type HumanModule = { Human: new (config: Record<string, unknown>) => HumanInstance };

// Served from public/face/ (copied from the installed package by scripts/copy-face-assets.mjs),
// imported at run time so none of it is in any page's bundle.
const HUMAN_URL = '/face/human.esm.js';
let humanPromise: Promise<HumanInstance> | undefined;

/**
 * WebGL where a GPU draws it; otherwise WASM. A software WebGL (SwiftShader, llvmpipe — what a
 * machine without a GPU gets) takes seconds per frame, the WASM backend about a tenth of a second.
 */
function chooseBackend(): 'webgl' | 'wasm' {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return 'wasm';
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    return /swiftshader|llvmpipe|software|basic render/i.test(renderer) ? 'wasm' : 'webgl';
  } catch {
    return 'wasm';
  }
}

function loadHuman(): Promise<HumanInstance> {
  humanPromise ??= (async () => {
    const mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ HUMAN_URL)) as HumanModule;
    const human = new mod.Human({
      backend: chooseBackend(),
      wasmPath: '/face/wasm/',
      modelBasePath: '/face/models/',
      debug: false,
      async: true,
      warmup: 'none',
      cacheSensitivity: 0,
      filter: { enabled: false },
      face: {
        enabled: true,
        detector: { rotation: false, maxDetected: 3, minConfidence: 0.3, skipFrames: 0, skipTime: 0 },
        mesh: { enabled: true },
        iris: { enabled: true },
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
  })().catch((error: unknown) => {
    humanPromise = undefined;
    throw error;
  });
  return humanPromise;
}

function cameraErrorMessage(error: unknown, t: Translator['t']): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return t('enrol.face.cameraDenied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return t('enrol.face.cameraMissing');
  return t('enrol.face.cameraUnsupported');
}

function poseOf(face: HumanFace): FacePose {
  return {
    yaw: face.rotation?.angle.yaw ?? 0,
    pitch: face.rotation?.angle.pitch ?? 0,
    eyeOpenness: measureEyeOpenness(face.mesh),
    mouthOpenness: measureMouthOpenness(face.mesh),
  };
}

const toBlob = (canvas: HTMLCanvasElement) =>
  new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('capture failed'))), 'image/jpeg', 0.92));

// The page's monotonic clock: frame times are sent as offsets from the challenge's arrival, so the
// device's wall clock never matters.
const monotonicNow = () => performance.now();

type CapturedFrame = { action: ActionOrNeutral; offsetMs: number; blob: Blob };
type CaptureRun = {
  human: HumanInstance;
  video: HTMLVideoElement;
  check: Challenge;
  receivedAt: number;
  timeLimit: number;
  thresholds: ActionThresholds;
  isCancelled: () => boolean;
  onPhase: (phase: Phase) => void;
  onSecondsLeft: (seconds: number | null) => void;
  t: Translator['t'];
};

/**
 * Watches the camera until each step is seen — first a steady neutral look, then each action in
 * the challenge's order — and takes that very frame. Returns the frames, or a message on time-out.
 */
async function captureFrames(run: CaptureRun): Promise<{ frames: CapturedFrame[] } | { timedOut: true } | { cancelled: true }> {
  const { human, video, check, receivedAt, timeLimit, thresholds } = run;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const sequence: ActionOrNeutral[] = ['neutral', ...check.actions];
  const frames: CapturedFrame[] = [];
  let neutral: FacePose | null = null;
  let steadyNeutral = 0;
  run.onPhase({ kind: 'capturing', step: 0 });

  while (frames.length < sequence.length) {
    if (run.isCancelled()) return { cancelled: true };
    const elapsed = performance.now() - receivedAt;
    run.onSecondsLeft(Math.max(0, Math.ceil((timeLimit - elapsed) / 1000)));
    if (elapsed > timeLimit - 1500) return { timedOut: true };
    if (video.videoWidth === 0) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    // The frame that is measured is the frame that is sent: unmirrored, straight from the camera.
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const offsetMs = Math.round(performance.now() - receivedAt);
    const result = await human.detect(canvas);
    const faces = result.face.filter((f) => f.score >= 0.5);
    const step = frames.length;
    if (faces.length === 0) {
      run.onPhase({ kind: 'capturing', step, hint: run.t('enrol.face.noFace') });
      continue;
    }
    if (faces.length > 1) {
      run.onPhase({ kind: 'capturing', step, hint: run.t('enrol.face.severalFaces') });
      continue;
    }
    const pose = poseOf(faces[0]!);
    const wanted = sequence[step]!;
    let isDone: boolean;
    if (wanted === 'neutral') {
      steadyNeutral = isNeutralPose(pose, thresholds) ? steadyNeutral + 1 : 0;
      isDone = steadyNeutral >= 2;
    } else {
      isDone = detectActions(neutral!, pose, thresholds).includes(wanted);
    }
    if (!isDone) {
      run.onPhase({ kind: 'capturing', step });
      continue;
    }
    if (wanted === 'neutral') neutral = pose;
    frames.push({ action: wanted, offsetMs, blob: await toBlob(canvas) });
    run.onPhase({ kind: 'capturing', step: frames.length });
  }
  return { frames };
}

export function FaceCapture({ next, thresholds, blockedMessage }: { next: string; thresholds: ActionThresholds; blockedMessage?: string }) {
  const { t, pick, label } = useTranslator();
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const cancelledRef = useRef(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'intro' });
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [consent, setConsent] = useState(false);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  const stopCamera = useCallback(() => {
    streamRef.current?.getTracks().forEach((t) => t.stop());
    streamRef.current = null;
  }, []);
  useEffect(
    () => () => {
      cancelledRef.current = true;
      stopCamera();
    },
    [stopCamera],
  );

  async function start() {
    cancelledRef.current = false;
    if (!navigator.mediaDevices?.getUserMedia) {
      setPhase({ kind: 'error', camera: true, message: t('enrol.face.cameraNeedsHttps') });
      return;
    }
    setPhase({ kind: 'starting', note: t('enrol.face.openingCamera') });
    try {
      streamRef.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    } catch (error) {
      setPhase({ kind: 'error', camera: true, message: cameraErrorMessage(error, t) });
      return;
    }
    const video = videoRef.current!;
    video.srcObject = streamRef.current;
    await video.play().catch(() => undefined);

    setPhase({ kind: 'starting', note: t('enrol.face.loadingModels') });
    let human: HumanInstance;
    try {
      human = await loadHuman();
    } catch {
      stopCamera();
      setPhase({ kind: 'error', message: t('enrol.face.modelsFailed') });
      return;
    }

    const response = await fetch('/api/face-check', { method: 'POST' });
    const issued = (await response.json().catch(() => null)) as ApiResult<Challenge> | null;
    if (!issued || issued.status !== 'ok') {
      stopCamera();
      setPhase({ kind: 'error', message: issued && 'message' in issued ? pick(issued.message) : t('enrol.face.couldNotStart') });
      return;
    }
    const check = issued.data;
    const receivedAt = monotonicNow();
    const timeLimit = new Date(check.expiresAt).getTime() - new Date(check.issuedAt).getTime();
    setChallenge(check);
    const captured = await captureFrames({
      human,
      video,
      check,
      receivedAt,
      timeLimit,
      thresholds,
      isCancelled: () => cancelledRef.current,
      onPhase: setPhase,
      onSecondsLeft: setSecondsLeft,
      t,
    });
    stopCamera();
    setSecondsLeft(null);
    if ('cancelled' in captured) return;
    if ('timedOut' in captured) {
      setPhase({ kind: 'error', message: t('enrol.face.timedOut') });
      return;
    }
    await upload(check, captured.frames);
  }

  async function upload(check: Challenge, frames: CapturedFrame[]) {
    setPhase({ kind: 'uploading' });
    const body = new FormData();
    body.set('meta', JSON.stringify({ frames: frames.map(({ action, offsetMs }) => ({ action, offsetMs })), consentToPhotoReuse: consent }));
    frames.forEach((f, i) => body.set(`frame${i}`, f.blob, `frame${i}.jpg`));
    try {
      const response = await fetch(`/api/face-check/${check.id}`, { method: 'POST', body });
      const result = (await response.json()) as ApiResult<Outcome>;
      if (result.status !== 'ok') setPhase({ kind: 'error', message: 'message' in result ? pick(result.message) : t('enrol.face.checkFailed') });
      else setPhase({ kind: 'done', outcome: result.data });
    } catch {
      setPhase({ kind: 'error', message: t('enrol.face.networkError') });
    }
  }

  const capturing = phase.kind === 'capturing' || phase.kind === 'starting';
  const sequence: ActionOrNeutral[] = challenge ? ['neutral', ...challenge.actions] : ['neutral'];
  const current = phase.kind === 'capturing' ? sequence[Math.min(phase.step, sequence.length - 1)]! : undefined;

  return (
    <div className="face-capture">
      <div className="face-stage" hidden={!capturing}>
        <video ref={videoRef} className="face-video" playsInline muted aria-label={t('enrol.face.preview')} />
        <svg className="face-outline" viewBox="0 0 100 100" aria-hidden="true" preserveAspectRatio="none">
          <ellipse cx="50" cy="48" rx="24" ry="34" />
        </svg>
      </div>

      <div aria-live="polite" data-testid="face-status">
        {phase.kind === 'starting' && <p>{phase.note}</p>}
        {phase.kind === 'capturing' && current && (
          <>
            <p className="face-instruction" data-testid="face-instruction">
              {label(ACTION_INSTRUCTIONS[current])}
            </p>
            <p>
              <progress max={sequence.length} value={phase.step} aria-label={t('enrol.face.progress')} />{' '}
              {t('enrol.face.step', { step: Math.min(phase.step + 1, sequence.length), total: sequence.length })}
              {secondsLeft !== null && <> · {t('enrol.face.secondsLeft', { seconds: secondsLeft })}</>}
            </p>
            {phase.hint && <p className="hint">{phase.hint}</p>}
          </>
        )}
        {phase.kind === 'uploading' && <p>{t('enrol.face.uploading')}</p>}
      </div>

      {phase.kind === 'intro' &&
        (blockedMessage ? (
          <div className="alert error" role="alert" data-testid="face-blocked">{pick(blockedMessage)}</div>
        ) : (
          <>
            <ol>
              <li>{t('enrol.face.intro1')}</li>
              <li>{t('enrol.face.intro2')}</li>
              <li>{t('enrol.face.intro3')}</li>
            </ol>
            <label className="checkbox">
              <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} /> {t('enrol.face.consent')}
            </label>
            <div className="actions">
              <button type="button" onClick={start}>
                {t('enrol.face.start')}
              </button>
            </div>
          </>
        ))}

      {phase.kind === 'error' && (
        <div className="alert error" role="alert" data-testid="face-error">
          <p>{phase.message}</p>
          <p>{t('enrol.face.counter')}</p>
          <button type="button" className="secondary" onClick={() => setPhase({ kind: 'intro' })}>
            {t('enrol.face.startAgain')}
          </button>
        </div>
      )}

      {phase.kind === 'done' &&
        (phase.outcome.passed ? (
          <div className="alert success" role="status" data-testid="face-passed">
            <p>
              <strong>{pick(phase.outcome.message)}</strong>
              {phase.outcome.sessionLevel >= 3 && <> {t('enrol.face.nowL3')}</>}
            </p>
            <a href={`/enrol?next=${encodeURIComponent(next)}`}>{t('enrol.continue')}</a>
          </div>
        ) : (
          <div className="alert error" role="alert" data-testid="face-refused">
            <p>
              <strong>{t('enrol.face.notPassed')}</strong> {pick(phase.outcome.message)}
            </p>
            {phase.outcome.waitMessage && <p>{pick(phase.outcome.waitMessage)}</p>}
            <p>{t('enrol.face.counter')}</p>
            {!phase.outcome.waitMessage && (
              <button type="button" className="secondary" onClick={() => setPhase({ kind: 'intro' })}>
                {t('enrol.face.tryAgain')}
              </button>
            )}
          </div>
        ))}
    </div>
  );
}
