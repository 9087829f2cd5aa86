'use client';

import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react';
import { TERMINAL_RESULT_LABELS } from '@/lib/terminals/kinds';

// The operator's console: the terminal key (kept in this tab's sessionStorage and sent only to our
// own API), a camera scanner where the browser has BarcodeDetector, and always a text box for a
// pasted code or a keyboard-wedge scanner (which types the code and presses Enter).

const KEY_STORAGE = 'eid-terminal-key';
const SCAN_INTERVAL_MS = 250;
// A code still in front of the camera is not sent again; a fresh code (new text) is.
const SAME_CODE_PAUSE_MS = 5000;

type Refusal = 'expired' | 'invalid' | 'revoked' | 'replayed';
type Verdict =
  | { result: 'accepted'; name: string; isAdult?: boolean; idNumberMasked?: string; photo?: string | null }
  | { result: Refusal };
type Outcome = { kind: 'verdict'; verdict: Verdict; at: Date } | { kind: 'problem'; message: string };

const REFUSALS: Record<Refusal, { advice: string; adviceEn: string }> = {
  expired: {
    advice: '身份码每分钟刷新一次。请持证人在电子身份证中刷新后重新出示。',
    adviceEn: 'The code refreshes every minute. Ask the holder to refresh it in their e-ID and show it again.',
  },
  invalid: {
    advice: '无法识别：可能不是电子身份证身份码、扫描不完整或内容被改动。请重新扫描；仍不通过请查验实体身份证。',
    adviceEn: 'Not recognised: not an e-ID code, scanned incompletely, or altered. Scan again; if it still fails, check the physical ID card.',
  },
  revoked: {
    advice: '该电子身份证目前不能用于证明身份。请查验实体身份证。',
    adviceEn: 'This e-ID cannot prove identity at present. Check the physical ID card.',
  },
  replayed: {
    advice: '每个身份码只能核验一次，这可能是截图或翻拍。请持证人当面刷新后重新出示。',
    adviceEn: 'Each code verifies once; this may be a screenshot or a photo of one. Ask the holder to refresh it in front of you.',
  },
};

type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = new (options?: { formats?: string[] }) => BarcodeDetectorLike;
const barcodeDetectorClass = () => (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;

const subscribeNever = () => () => {};
const hasBarcodeDetector = () => typeof barcodeDetectorClass() === 'function' && !!navigator.mediaDevices?.getUserMedia;

export function TerminalScanner() {
  const canUseCamera = useSyncExternalStore(subscribeNever, hasBarcodeDetector, () => false);
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isPending, setIsPending] = useState(false);
  const [camera, setCamera] = useState<'off' | 'starting' | 'on'>('off');
  const [cameraProblem, setCameraProblem] = useState<string | null>(null);

  const keyRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLTextAreaElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const timerRef = useRef<number | null>(null);
  const isBusyRef = useRef(false);
  const lastScanRef = useRef<{ text: string; at: number } | null>(null);

  // The key lives in this tab only: restored into the (uncontrolled) field after a reload.
  useEffect(() => {
    const saved = sessionStorage.getItem(KEY_STORAGE);
    if (saved && keyRef.current && !keyRef.current.value) keyRef.current.value = saved;
  }, []);

  // Leaving the page turns the camera off.
  useEffect(() => {
    const timer = timerRef;
    const stream = streamRef;
    return () => {
      if (timer.current !== null) window.clearInterval(timer.current);
      stream.current?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  function rememberKey(value: string) {
    const key = value.trim();
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  }

  function forgetKey() {
    sessionStorage.removeItem(KEY_STORAGE);
    if (keyRef.current) {
      keyRef.current.value = '';
      keyRef.current.focus();
    }
  }

  async function verify(scanned: string) {
    if (isBusyRef.current) return;
    const key = keyRef.current?.value.trim() ?? '';
    if (!key) {
      setOutcome({ kind: 'problem', message: '请先输入终端密钥 / Enter the terminal key first' });
      keyRef.current?.focus();
      return;
    }
    if (!scanned.trim()) {
      setOutcome({ kind: 'problem', message: '请扫描或粘贴身份码 / Scan or paste an identity code' });
      codeRef.current?.focus();
      return;
    }
    isBusyRef.current = true;
    setIsPending(true);
    try {
      const response = await fetch('/api/terminal/verify', {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: scanned }),
        cache: 'no-store',
      });
      const body = (await response.json().catch(() => null)) as (Verdict & { message?: string }) | null;
      if (response.status === 401) {
        setOutcome({ kind: 'problem', message: '终端密钥无效或已停用，请核对后重新输入 / The terminal key is wrong or deactivated; check it and enter it again' });
        keyRef.current?.focus();
        return;
      }
      if (response.status === 429) {
        const wait = response.headers.get('Retry-After') ?? '60';
        setOutcome({ kind: 'problem', message: `核验过于频繁，请 ${wait} 秒后再试 / Too many scans; try again in ${wait} s` });
        return;
      }
      // A body the API refuses (e.g. far too long) is simply not an identity code.
      const verdict: Verdict | null = response.status === 400 ? { result: 'invalid' } : response.ok && body && isVerdict(body) ? body : null;
      if (!verdict) {
        setOutcome({ kind: 'problem', message: '核验服务暂时不可用，请稍后再试或查验实体身份证 / The service is unavailable; try again or check the physical ID card' });
        return;
      }
      setOutcome({ kind: 'verdict', verdict, at: new Date() });
      setCode('');
    } catch {
      setOutcome({ kind: 'problem', message: '网络连接失败，请检查网络后重试 / No connection; check the network and try again' });
    } finally {
      isBusyRef.current = false;
      setIsPending(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void verify(code);
  }

  // A keyboard-wedge scanner ends the code with Enter; Shift+Enter still makes a new line.
  function submitOnEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  async function startCamera() {
    const Detector = barcodeDetectorClass();
    const video = videoRef.current;
    if (!Detector || !video) return;
    setCameraProblem(null);
    setCamera('starting');
    try {
      const detector = new Detector({ formats: ['qr_code'] });
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      streamRef.current = stream;
      video.srcObject = stream;
      await video.play();
      setCamera('on');
      timerRef.current = window.setInterval(async () => {
        if (isBusyRef.current || video.readyState < 2) return;
        let found: DetectedBarcode[];
        try {
          found = await detector.detect(video);
        } catch {
          return;
        }
        const text = (found.find((c) => c.rawValue.startsWith('EID1.')) ?? found[0])?.rawValue;
        if (!text) return;
        const last = lastScanRef.current;
        if (last && last.text === text && Date.now() - last.at < SAME_CODE_PAUSE_MS) return;
        lastScanRef.current = { text, at: Date.now() };
        void verify(text);
      }, SCAN_INTERVAL_MS);
    } catch (error) {
      stopCamera();
      const isDenied = error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'SecurityError');
      setCameraProblem(
        isDenied
          ? '未获得摄像头权限。请在浏览器中允许使用摄像头，或粘贴扫描内容。/ Camera permission was refused. Allow the camera in the browser, or paste the scanned text.'
          : '无法打开摄像头，请粘贴扫描内容。/ The camera could not be opened; paste the scanned text instead.',
      );
    }
  }

  function stopCamera() {
    if (timerRef.current !== null) window.clearInterval(timerRef.current);
    timerRef.current = null;
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
    setCamera('off');
  }

  return (
    <div className="terminal-console">
      <section className="card" aria-labelledby="terminal-key-heading">
        <h2 id="terminal-key-heading">
          终端密钥 <span className="en">Terminal key</span>
        </h2>
        <label htmlFor="terminal-key">
          API 密钥 <span className="hint">管理员登记终端时生成，以 eidt_ 开头；只保存在本标签页中 / Given when the terminal was registered, starts with eidt_; kept in this tab only</span>
        </label>
        <div className="key-copy">
          <input
            ref={keyRef}
            id="terminal-key"
            data-testid="terminal-key"
            name="terminal-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            className="mono"
            placeholder="eidt_…"
            onChange={(e) => rememberKey(e.currentTarget.value)}
          />
          <button type="button" className="secondary" onClick={forgetKey}>
            清除 / Forget
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="terminal-scan-heading">
        <h2 id="terminal-scan-heading">
          扫描身份码 <span className="en">Scan the identity code</span>
        </h2>
        {canUseCamera ? (
          <div className="terminal-camera">
            <video ref={videoRef} muted playsInline hidden={camera === 'off'} aria-label="摄像头画面 / Camera view" />
            <div className="actions">
              {camera === 'off' ? (
                <button type="button" onClick={startCamera}>
                  打开摄像头扫码 / Scan with the camera
                </button>
              ) : (
                <button type="button" className="secondary" onClick={stopCamera} disabled={camera === 'starting'}>
                  关闭摄像头 / Stop the camera
                </button>
              )}
              {camera === 'on' && <span className="hint">请将身份码对准画面 / Hold the code in view</span>}
            </div>
            {cameraProblem && (
              <p className="alert warn" role="alert">
                {cameraProblem}
              </p>
            )}
          </div>
        ) : (
          <p className="hint">此浏览器不支持摄像头扫码，请使用扫码枪或粘贴扫描内容。/ This browser cannot scan with the camera: use a scanner or paste the scanned text.</p>
        )}
        <form onSubmit={submit} noValidate>
          <label htmlFor="terminal-code">
            扫描内容 <span className="hint">Scanned text — 以 EID1. 开头；扫码枪扫描后自动核验 / starts with EID1.; a scanner’s Enter verifies at once</span>
          </label>
          <textarea
            ref={codeRef}
            id="terminal-code"
            data-testid="terminal-code"
            name="code"
            rows={3}
            maxLength={512}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            className="mono"
            placeholder="EID1.…"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            onKeyDown={submitOnEnter}
          />
          <div className="actions">
            <button type="submit" disabled={isPending} aria-busy={isPending}>
              核验 / Verify
            </button>
            {outcome && (
              <button type="button" className="secondary" onClick={() => setOutcome(null)}>
                清除结果 / Clear result
              </button>
            )}
          </div>
        </form>
      </section>

      <div aria-live="polite" aria-atomic="true">
        {outcome && <OutcomeView outcome={outcome} />}
      </div>
    </div>
  );
}

function isVerdict(body: { result?: unknown }): body is Verdict {
  return body.result === 'accepted' || (typeof body.result === 'string' && body.result in REFUSALS);
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'problem') {
    return (
      <div className="alert error" data-testid="terminal-result" data-result="problem" role="alert">
        {outcome.message}
      </div>
    );
  }
  const { verdict, at } = outcome;
  const time = at.toLocaleTimeString('zh-CN', { hour12: false });
  if (verdict.result !== 'accepted') {
    const refusal = REFUSALS[verdict.result];
    const title = TERMINAL_RESULT_LABELS[verdict.result];
    return (
      <section className="terminal-result refused" data-testid="terminal-result" data-result={verdict.result} aria-labelledby="terminal-verdict">
        <p className="verdict" id="terminal-verdict">
          <span aria-hidden="true">✕ </span>
          {title.zh} <span className="en">{title.en}</span>
        </p>
        <p>
          {refusal.advice}
          <span className="en"> {refusal.adviceEn}</span>
        </p>
        <p className="hint">核验时间 Checked at {time}</p>
      </section>
    );
  }
  const hasPhoto = 'photo' in verdict && verdict.photo !== undefined;
  return (
    <section className="terminal-result accepted" data-testid="terminal-result" data-result="accepted" aria-labelledby="terminal-verdict">
      <p className="verdict" id="terminal-verdict">
        <span aria-hidden="true">✓ </span>
        {TERMINAL_RESULT_LABELS.accepted.zh} <span className="en">{TERMINAL_RESULT_LABELS.accepted.en}</span>
      </p>
      <div className="holder">
        {hasPhoto &&
          (verdict.photo ? (
            // A data: URL from the registry; next/image adds nothing for it.
            // eslint-disable-next-line @next/next/no-img-element
            <img className="holder-photo" src={verdict.photo} alt={`${verdict.name} 的登记照片 / Registry photo`} />
          ) : (
            <div className="holder-photo none">无登记照片 No registry photo</div>
          ))}
        <dl className="facts">
          <dt>姓名 Name</dt>
          <dd className="holder-name">{verdict.name}</dd>
          {verdict.idNumberMasked !== undefined && (
            <>
              <dt>身份证号 ID number</dt>
              <dd className="mono">{verdict.idNumberMasked}</dd>
            </>
          )}
          {verdict.isAdult !== undefined && (
            <>
              <dt>年龄 Age</dt>
              <dd className={verdict.isAdult ? 'adult' : 'minor'}>{verdict.isAdult ? '已满 18 周岁 · 18 or over' : '未满 18 周岁 · Under 18'}</dd>
            </>
          )}
        </dl>
      </div>
      {verdict.isAdult === false && (
        <p className="alert error">
          未成年人不得进入营业性网吧。<span className="en"> Minors may not be admitted to an internet café.</span>
        </p>
      )}
      {hasPhoto && <p className="hint">请核对持证人与照片是否为同一人。/ Check that the holder is the person in the photo.</p>}
      <p className="hint">核验时间 Checked at {time}</p>
    </section>
  );
}
