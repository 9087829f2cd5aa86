'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { type ActionOrNeutral, type CaptureFailure, type ChallengeAction } from '@/lib/face/actions';
import { useTranslator } from '@/lib/i18n/client';
import type { Translator } from '@/lib/i18n/translate';
import {
  detectActions,
  explainMissedAction,
  isNeutralPose,
  measureEyeOpenness,
  measureMouthOpenness,
  oppositeAction,
  type ActionThresholds,
  type FacePose,
  type WaitObservation,
} from '@/lib/face/measures';

// The guided capture of gate 2. Small face models (detector, mesh, iris) run in a Web Worker
// (/face/face-worker.mjs, lib/face/browser/face-worker.mjs) only to know when to take each frame; the
// verdict is the server's, on the uploaded frames. The page's main thread only grabs a camera frame
// (createImageBitmap, asynchronous) and compares numbers, so it never freezes while the models run.

type Challenge = { id: string; actions: ChallengeAction[]; issuedAt: string; expiresAt: string };
type Outcome = { passed: boolean; reason: string; message: string; sessionLevel: number; waitMessage?: string; failedAction?: ActionOrNeutral };
type ApiResult<T> = { status: 'ok'; data: T } | { status: 'invalid' | 'forbidden' | 'conflict' | 'not_found'; message: string };

type Phase =
  | { kind: 'intro' }
  | { kind: 'starting'; note: string }
  | { kind: 'capturing'; step: number; hint?: string }
  | { kind: 'uploading' }
  | { kind: 'done'; outcome: Outcome }
  | { kind: 'error'; message: string; camera?: boolean; missed?: { action: ActionOrNeutral; why: CaptureFailure } };

/** What the worker measured: the pose angles and the few mesh landmarks the measures read, by index. */
type WorkerFace = { score: number; yaw: number; pitch: number; landmarks: Record<string, [number, number]> };
type WorkerReply =
  | { type: 'ready' }
  | { type: 'faces'; id: number; faces: WorkerFace[] }
  | { type: 'jpeg'; id: number; blob: Blob }
  | { type: 'error'; id?: number; message: string };

/**
 * The face models behind a worker: one request at a time, answered in order. With `watch` the worker
 * reads the camera's frames itself and `detect()` takes the next new one; otherwise each frame is passed.
 */
type FaceModels = {
  watch: (track: MediaStreamTrack) => boolean;
  detect: (frame?: ImageBitmap) => Promise<WorkerFace[]>;
  encodeLastFrame: () => Promise<Blob>;
};
type TrackProcessor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream };

// Served from public/face/ (copied from the installed package by scripts/copy-face-assets.mjs), so
// none of it is in any page's bundle.
const WORKER_URL = '/face/face-worker.mjs';
let modelsPromise: Promise<FaceModels> | undefined;

function loadModels(): Promise<FaceModels> {
  modelsPromise ??= new Promise<FaceModels>((resolve, reject) => {
    const worker = new Worker(WORKER_URL, { type: 'module', name: 'face-models' });
    let nextId = 1;
    const pending = new Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }>();
    const request = (message: Record<string, unknown>, transfer: Transferable[] = []) =>
      new Promise<WorkerReply>((res, rej) => {
        const id = nextId++;
        pending.set(id, { resolve: res, reject: rej });
        worker.postMessage({ ...message, id }, transfer);
      });
    worker.onerror = (event) => {
      const error = new Error(event.message || 'face worker failed');
      pending.forEach((p) => p.reject(error));
      pending.clear();
      reject(error);
    };
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'ready') {
        resolve({
          // Chromium's MediaStreamTrackProcessor: the frames go to the worker without touching the
          // page's main thread (no createImageBitmap, no readback there).
          watch: (track) => {
            const Processor = (globalThis as unknown as { MediaStreamTrackProcessor?: TrackProcessor }).MediaStreamTrackProcessor;
            if (!Processor) return false;
            try {
              const { readable } = new Processor({ track, maxBufferSize: 1 });
              worker.postMessage({ type: 'stream', readable }, [readable as unknown as Transferable]);
              return true;
            } catch {
              return false;
            }
          },
          detect: async (frame) => {
            const answer = await request({ type: 'detect', frame }, frame ? [frame] : []);
            if (answer.type !== 'faces') throw new Error('unexpected answer from the face worker');
            return answer.faces;
          },
          encodeLastFrame: async () => {
            const answer = await request({ type: 'encode' });
            if (answer.type !== 'jpeg') throw new Error('unexpected answer from the face worker');
            return answer.blob;
          },
        });
        return;
      }
      if (reply.type === 'error' && reply.id === undefined) {
        reject(new Error(reply.message));
        return;
      }
      const waiting = pending.get(reply.id!);
      if (!waiting) return;
      pending.delete(reply.id!);
      if (reply.type === 'error') waiting.reject(new Error(reply.message));
      else waiting.resolve(reply);
    };
    worker.postMessage({ type: 'init' });
  }).catch((error: unknown) => {
    modelsPromise = undefined;
    throw error;
  });
  return modelsPromise;
}

function cameraErrorMessage(error: unknown, t: Translator['t']): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return t('enrol.face.cameraDenied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return t('enrol.face.cameraMissing');
  return t('enrol.face.cameraUnsupported');
}

function poseOf(face: WorkerFace): FacePose {
  const mesh: number[][] = [];
  for (const [index, point] of Object.entries(face.landmarks)) mesh[Number(index)] = point;
  return { yaw: face.yaw, pitch: face.pitch, eyeOpenness: measureEyeOpenness(mesh), mouthOpenness: measureMouthOpenness(mesh) };
}

// The page's monotonic clock: frame times are sent as offsets from the challenge's arrival, so the
// device's wall clock never matters.
const monotonicNow = () => performance.now();
// Stop watching this long before the deadline, so the upload and the server's verdict still fall
// inside the challenge's time limit.
const UPLOAD_MARGIN_MS = 3000;

type CapturedFrame = { action: ActionOrNeutral; offsetMs: number; blob: Blob };
type CaptureRun = {
  models: FaceModels;
  /** The worker reads the camera itself (MediaStreamTrackProcessor). */
  isWatching: boolean;
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

type CaptureResult = { frames: CapturedFrame[] } | { timedOut: true; action: ActionOrNeutral; why: CaptureFailure } | { cancelled: true };

/**
 * Watches the camera until each step is seen — first a steady neutral look, then each action in
 * the challenge's order — and takes that very frame. Each step starts afresh: what was seen while
 * waiting for the previous one says nothing about this one.
 */
async function captureFrames(run: CaptureRun): Promise<CaptureResult> {
  const { models, video, check, receivedAt, timeLimit, thresholds } = run;
  const sequence: ActionOrNeutral[] = ['neutral', ...check.actions];
  const frames: CapturedFrame[] = [];
  let neutral: FacePose | null = null;
  let steadyNeutral = 0;
  let observed: WaitObservation = { consecutiveFramesWithoutFace: 0, sawWrongDirection: false };
  // The page re-renders only when what it shows changes, not for every frame.
  let shown = '';
  const show = (step: number, hint?: string) => {
    if (`${step}|${hint ?? ''}` === shown) return;
    shown = `${step}|${hint ?? ''}`;
    run.onPhase({ kind: 'capturing', step, hint });
  };
  show(0);

  while (frames.length < sequence.length) {
    if (run.isCancelled()) return { cancelled: true };
    const step = frames.length;
    const wanted = sequence[step]!;
    const elapsed = performance.now() - receivedAt;
    run.onSecondsLeft(Math.max(0, Math.ceil((timeLimit - elapsed) / 1000)));
    if (elapsed > timeLimit - UPLOAD_MARGIN_MS) return { timedOut: true, action: wanted, why: explainMissedAction(observed) };
    if (video.videoWidth === 0 || video.readyState < 2) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    // The frame that is measured is the frame that is sent: unmirrored, straight from the camera.
    const offsetMs = Math.round(performance.now() - receivedAt);
    const faces = (await models.detect(run.isWatching ? undefined : await createImageBitmap(video))).filter((f) => f.score >= 0.5);
    if (faces.length === 0) {
      observed = { ...observed, consecutiveFramesWithoutFace: observed.consecutiveFramesWithoutFace + 1 };
      if (wanted === 'neutral') steadyNeutral = 0;
      show(step, run.t('enrol.face.noFace'));
      continue;
    }
    observed = { ...observed, consecutiveFramesWithoutFace: 0 };
    if (faces.length > 1) {
      show(step, run.t('enrol.face.severalFaces'));
      continue;
    }
    const pose = poseOf(faces[0]!);
    let isDone: boolean;
    if (wanted === 'neutral') {
      steadyNeutral = isNeutralPose(pose, thresholds) ? steadyNeutral + 1 : 0;
      isDone = steadyNeutral >= 2;
    } else {
      const seen = detectActions(neutral!, pose, thresholds);
      isDone = seen.includes(wanted);
      const opposite = oppositeAction(wanted);
      if (!isDone && opposite && seen.includes(opposite)) observed = { ...observed, sawWrongDirection: true };
    }
    if (!isDone) {
      show(step, observed.sawWrongDirection ? run.t('enrol.face.otherWay') : undefined);
      continue;
    }
    if (wanted === 'neutral') neutral = pose;
    frames.push({ action: wanted, offsetMs, blob: await models.encodeLastFrame() });
    performance.mark(`face:captured-${wanted}`);
    observed = { consecutiveFramesWithoutFace: 0, sawWrongDirection: false };
    show(frames.length);
  }
  return { frames };
}

export function FaceCapture({ next, thresholds, blockedMessage }: { next: string; thresholds: ActionThresholds; blockedMessage?: string }) {
  const { t, pick } = useTranslator();
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

    performance.mark('face:camera-open');
    setPhase({ kind: 'starting', note: t('enrol.face.loadingModels') });
    let models: FaceModels;
    try {
      models = await loadModels();
    } catch {
      stopCamera();
      setPhase({ kind: 'error', message: t('enrol.face.modelsFailed') });
      return;
    }

    performance.mark('face:models-ready');
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
      models,
      isWatching: models.watch(streamRef.current!.getVideoTracks()[0]!),
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
      setPhase({ kind: 'error', message: t('enrol.face.timedOut'), missed: { action: captured.action, why: captured.why } });
      return;
    }
    await upload(check, captured.frames);
  }

  async function upload(check: Challenge, frames: CapturedFrame[]) {
    performance.mark('face:upload');
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
            <p className="face-instruction" data-testid="face-instruction" data-action={current}>
              {t(`enrol.face.instruction.${current}`)}
            </p>
            <p data-testid="face-waiting-for">{t('enrol.face.waitingFor', { action: t(`enrol.face.action.${current}`) })}</p>
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
          {phase.missed && (
            <p data-testid="face-missed" data-action={phase.missed.action} data-why={phase.missed.why}>
              {t('enrol.face.missedAction', { action: t(`enrol.face.action.${phase.missed.action}`) })} {t(`enrol.face.why.${phase.missed.why}`)}
            </p>
          )}
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
            {/* At L3 the service is open; otherwise the next gate waits. */}
            <a href={phase.outcome.sessionLevel >= 3 ? next : `/enrol?next=${encodeURIComponent(next)}`}>{t('enrol.continue')}</a>
          </div>
        ) : (
          <div className="alert error" role="alert" data-testid="face-refused">
            <p>
              <strong>{t('enrol.face.notPassed')}</strong> {pick(phase.outcome.message)}
            </p>
            {phase.outcome.failedAction && (
              <p data-testid="face-failed-step" data-action={phase.outcome.failedAction}>
                {t('enrol.face.failedStep', { action: t(`enrol.face.action.${phase.outcome.failedAction}`) })}
              </p>
            )}
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
