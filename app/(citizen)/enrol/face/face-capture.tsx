'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ACTION_INSTRUCTIONS, type ActionOrNeutral, type ChallengeAction } from '@/lib/face/actions';
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

const COUNTER = '也可携带身份证到任一公安服务窗口现场核验。 / You can also have your identity checked in person at any police service counter.';

function cameraErrorMessage(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return `您拒绝了摄像头权限，无法进行实人核验。请在浏览器设置中允许本网站使用摄像头后重试。 / Camera permission was refused, so the check cannot run. Allow this site to use the camera in your browser settings and try again.`;
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError')
    return `未找到可用的摄像头（或摄像头正被其他程序占用）。 / No usable camera was found (or another program is using it).`;
  return `此浏览器无法使用摄像头。 / This browser cannot use a camera.`;
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
      run.onPhase({ kind: 'capturing', step, hint: '未检测到人脸：请把脸放进框内，保持光线充足 / No face found: put your face in the frame, in good light' });
      continue;
    }
    if (faces.length > 1) {
      run.onPhase({ kind: 'capturing', step, hint: '画面中有多张人脸：请确保只有您本人 / Several faces in view: only you, please' });
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
      setPhase({ kind: 'error', camera: true, message: '此浏览器无法使用摄像头（需要 HTTPS 和较新的浏览器）。 / This browser cannot use a camera (HTTPS and a current browser are needed).' });
      return;
    }
    setPhase({ kind: 'starting', note: '正在打开摄像头… / Opening the camera…' });
    try {
      streamRef.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
    } catch (error) {
      setPhase({ kind: 'error', camera: true, message: cameraErrorMessage(error) });
      return;
    }
    const video = videoRef.current!;
    video.srcObject = streamRef.current;
    await video.play().catch(() => undefined);

    setPhase({ kind: 'starting', note: '正在加载人脸模型（约 5 MB）… / Loading the face models (about 5 MB)…' });
    let human: HumanInstance;
    try {
      human = await loadHuman();
    } catch {
      stopCamera();
      setPhase({ kind: 'error', message: '人脸模型加载失败，请检查网络后重试。 / The face models could not be loaded; check your connection and try again.' });
      return;
    }

    const response = await fetch('/api/face-check', { method: 'POST' });
    const issued = (await response.json().catch(() => null)) as ApiResult<Challenge> | null;
    if (!issued || issued.status !== 'ok') {
      stopCamera();
      setPhase({ kind: 'error', message: issued && 'message' in issued ? issued.message : '无法开始核验，请稍后重试 / The check could not start; try again later' });
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
    });
    stopCamera();
    setSecondsLeft(null);
    if ('cancelled' in captured) return;
    if ('timedOut' in captured) {
      setPhase({ kind: 'error', message: '时间到，未能完成全部动作。请重新开始。 / Time ran out before all the actions were done. Start again.' });
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
      if (result.status !== 'ok') setPhase({ kind: 'error', message: 'message' in result ? result.message : '核验失败 / The check failed' });
      else setPhase({ kind: 'done', outcome: result.data });
    } catch {
      setPhase({ kind: 'error', message: '网络错误，核验结果未能送达。请重新开始。 / A network error stopped the upload. Start again.' });
    }
  }

  const capturing = phase.kind === 'capturing' || phase.kind === 'starting';
  const sequence: ActionOrNeutral[] = challenge ? ['neutral', ...challenge.actions] : ['neutral'];
  const current = phase.kind === 'capturing' ? sequence[Math.min(phase.step, sequence.length - 1)]! : undefined;

  return (
    <div className="face-capture">
      <div className="face-stage" hidden={!capturing}>
        <video ref={videoRef} className="face-video" playsInline muted aria-label="摄像头画面（镜像显示） / Camera preview (mirrored)" />
        <svg className="face-outline" viewBox="0 0 100 100" aria-hidden="true" preserveAspectRatio="none">
          <ellipse cx="50" cy="48" rx="24" ry="34" />
        </svg>
      </div>

      <div aria-live="polite" data-testid="face-status">
        {phase.kind === 'starting' && <p>{phase.note}</p>}
        {phase.kind === 'capturing' && current && (
          <>
            <p className="face-instruction" data-testid="face-instruction">
              {ACTION_INSTRUCTIONS[current].zh} <span className="en">{ACTION_INSTRUCTIONS[current].en}</span>
            </p>
            <p>
              <progress max={sequence.length} value={phase.step} aria-label="进度 / Progress" /> 第 {Math.min(phase.step + 1, sequence.length)}/{sequence.length} 步
              {secondsLeft !== null && <> · 剩余 {secondsLeft} 秒 / {secondsLeft} s left</>}
            </p>
            {phase.hint && <p className="hint">{phase.hint}</p>}
          </>
        )}
        {phase.kind === 'uploading' && <p>正在服务器上核验… / Checking on the server…</p>}
      </div>

      {phase.kind === 'intro' &&
        (blockedMessage ? (
          <div className="alert error" role="alert" data-testid="face-blocked">{blockedMessage}</div>
        ) : (
          <>
            <ol>
              <li>将打开前置摄像头，请在光线充足处正对屏幕。 <span className="en">The front camera opens; face the screen in good light.</span></li>
              <li>按提示依次完成 3 个随机动作，约 20 秒。 <span className="en">Do the 3 random actions shown, one at a time (about 20 seconds).</span></li>
              <li>画面上传到服务器与户籍登记照片比对；画面仅为审计保存 30 天。 <span className="en">The frames are compared on our server with your registry photo and kept 30 days for audit only.</span></li>
            </ol>
            <label className="checkbox">
              <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} /> 同意将本次核验的正面照片用作交管业务（驾驶证等）证件照片，可随时在卡包中撤回。
              <span className="en"> I agree that the frontal photo from this check may be used as the photo on my traffic documents (driving licence etc.); I can withdraw this at any time in the wallet.</span>
            </label>
            <div className="actions">
              <button type="button" onClick={start}>
                开始实人核验 / Start the check
              </button>
            </div>
          </>
        ))}

      {phase.kind === 'error' && (
        <div className="alert error" role="alert" data-testid="face-error">
          <p>{phase.message}</p>
          <p>{COUNTER}</p>
          <button type="button" className="secondary" onClick={() => setPhase({ kind: 'intro' })}>
            重新开始 / Start again
          </button>
        </div>
      )}

      {phase.kind === 'done' &&
        (phase.outcome.passed ? (
          <div className="alert success" role="status" data-testid="face-passed">
            <p>
              <strong>{phase.outcome.message}</strong>
              {phase.outcome.sessionLevel >= 3 && <> 本次登录已达 L3。 <span className="en">This session is now at L3.</span></>}
            </p>
            <a href={`/enrol?next=${encodeURIComponent(next)}`}>继续 / Continue</a>
          </div>
        ) : (
          <div className="alert error" role="alert" data-testid="face-refused">
            <p>
              <strong>未通过 / Not passed:</strong> {phase.outcome.message}
            </p>
            {phase.outcome.waitMessage && <p>{phase.outcome.waitMessage}</p>}
            <p>{COUNTER}</p>
            {!phase.outcome.waitMessage && (
              <button type="button" className="secondary" onClick={() => setPhase({ kind: 'intro' })}>
                再试一次 / Try again
              </button>
            )}
          </div>
        ))}
    </div>
  );
}
