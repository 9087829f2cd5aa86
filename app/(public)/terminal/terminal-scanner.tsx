'use client';

import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslator } from '@/lib/i18n/client';
import type { GateTicket } from '@/lib/terminals/kinds';

// The operator's console: the terminal key (kept in this tab's sessionStorage and sent only to our
// own API), a camera scanner where the browser has BarcodeDetector, and always a text box for a
// pasted code or a keyboard-wedge scanner (which types the code and presses Enter).

const KEY_STORAGE = 'eid-terminal-key';
const SCAN_INTERVAL_MS = 250;
// A code still in front of the camera is not sent again; a fresh code (new text) is.
const SAME_CODE_PAUSE_MS = 5000;

type Refusal = 'expired' | 'invalid' | 'revoked' | 'replayed';
type Verdict =
  | { result: 'accepted'; name: string; isAdult?: boolean; idNumberMasked?: string; photo?: string | null; ticket?: GateTicket }
  | { result: Refusal };
// The key that asked travels with the verdict: it fetches the photo link (GET /api/terminal/photo/…).
type Outcome = { kind: 'verdict'; verdict: Verdict; at: Date; terminalKey: string } | { kind: 'problem'; message: string };

const REFUSALS: readonly Refusal[] = ['expired', 'invalid', 'revoked', 'replayed'];

type DetectedBarcode = { rawValue: string };
type BarcodeDetectorLike = { detect(source: HTMLVideoElement): Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = new (options?: { formats?: string[] }) => BarcodeDetectorLike;
const barcodeDetectorClass = () => (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;

const subscribeNever = () => () => {};
const hasBarcodeDetector = () => typeof barcodeDetectorClass() === 'function' && !!navigator.mediaDevices?.getUserMedia;

export function TerminalScanner() {
  const { t } = useTranslator();
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
      setOutcome({ kind: 'problem', message: t('terminal.problems.noKey') });
      keyRef.current?.focus();
      return;
    }
    if (!scanned.trim()) {
      setOutcome({ kind: 'problem', message: t('terminal.problems.noCode') });
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
        setOutcome({ kind: 'problem', message: t('terminal.problems.badKey') });
        keyRef.current?.focus();
        return;
      }
      if (response.status === 429) {
        const wait = response.headers.get('Retry-After') ?? '60';
        setOutcome({ kind: 'problem', message: t('terminal.problems.throttled', { seconds: wait }) });
        return;
      }
      // A body the API refuses (e.g. far too long) is simply not an identity code.
      const verdict: Verdict | null = response.status === 400 ? { result: 'invalid' } : response.ok && body && isVerdict(body) ? body : null;
      if (!verdict) {
        setOutcome({ kind: 'problem', message: t('terminal.problems.unavailable') });
        return;
      }
      setOutcome({ kind: 'verdict', verdict, at: new Date(), terminalKey: key });
      setCode('');
    } catch {
      setOutcome({ kind: 'problem', message: t('terminal.problems.offline') });
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
          ? t('terminal.problems.cameraDenied')
          : t('terminal.problems.cameraFailed'),
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
          {t('terminal.keyHeading')}
        </h2>
        <label htmlFor="terminal-key">
          {t('terminal.keyLabel')} <span className="hint">{t('terminal.keyHint')}</span>
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
            {t('terminal.forget')}
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="terminal-scan-heading">
        <h2 id="terminal-scan-heading">
          {t('terminal.scanHeading')}
        </h2>
        {canUseCamera ? (
          <div className="terminal-camera">
            <video ref={videoRef} muted playsInline hidden={camera === 'off'} aria-label={t('terminal.cameraView')} />
            <div className="actions">
              {camera === 'off' ? (
                <button type="button" onClick={startCamera}>
                  {t('terminal.startCamera')}
                </button>
              ) : (
                <button type="button" className="secondary" onClick={stopCamera} disabled={camera === 'starting'}>
                  {t('terminal.stopCamera')}
                </button>
              )}
              {camera === 'on' && <span className="hint">{t('terminal.holdInView')}</span>}
            </div>
            {cameraProblem && (
              <p className="alert warn" role="alert">
                {cameraProblem}
              </p>
            )}
          </div>
        ) : (
          <p className="hint">{t('terminal.noCamera')}</p>
        )}
        <form method="post" onSubmit={submit} noValidate>
          <label htmlFor="terminal-code">
            {t('terminal.codeLabel')} <span className="hint">{t('terminal.codeHint')}</span>
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
              {t('terminal.verify')}
            </button>
            {outcome && (
              <button type="button" className="secondary" onClick={() => setOutcome(null)}>
                {t('terminal.clear')}
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
  return body.result === 'accepted' || (typeof body.result === 'string' && (REFUSALS as readonly string[]).includes(body.result));
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  const { t, locale } = useTranslator();
  if (outcome.kind === 'problem') {
    return (
      <div className="alert error" data-testid="terminal-result" data-result="problem" role="alert">
        {outcome.message}
      </div>
    );
  }
  const { verdict, at } = outcome;
  const time = at.toLocaleTimeString(locale === 'en' ? 'en-GB' : 'zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
  if (verdict.result !== 'accepted') {
    return (
      <section className="terminal-result refused" data-testid="terminal-result" data-result={verdict.result} aria-labelledby="terminal-verdict">
        <p className="verdict" id="terminal-verdict">
          <span aria-hidden="true">✕ </span>
          {t(`terminal.result.${verdict.result}`)}
        </p>
        <p>{t(`terminal.refusals.${verdict.result}`)}</p>
        <p className="hint">{t('terminal.checkedAt', { time })}</p>
      </section>
    );
  }
  const hasPhoto = 'photo' in verdict && verdict.photo !== undefined;
  return (
    <section className="terminal-result accepted" data-testid="terminal-result" data-result="accepted" aria-labelledby="terminal-verdict">
      <p className="verdict" id="terminal-verdict">
        <span aria-hidden="true">✓ </span>
        {t('terminal.result.accepted')}
      </p>
      <div className="holder">
        {hasPhoto &&
          (verdict.photo ? (
            <HolderPhoto link={verdict.photo} terminalKey={outcome.terminalKey} alt={t('terminal.photoAlt', { name: verdict.name })} />
          ) : (
            <div className="holder-photo none">{t('terminal.noPhoto')}</div>
          ))}
        <dl className="facts">
          <dt>{t('terminal.name')}</dt>
          <dd className="holder-name">{verdict.name}</dd>
          {verdict.idNumberMasked !== undefined && (
            <>
              <dt>{t('terminal.idNumber')}</dt>
              <dd className="mono">{verdict.idNumberMasked}</dd>
            </>
          )}
          {verdict.ticket !== undefined && (
            <>
              <dt>{t('terminal.ticket')}</dt>
              <dd className={verdict.ticket.status === 'holder' ? 'adult' : 'minor'} data-testid="gate-ticket" data-ticket={verdict.ticket.status}>
                {verdict.ticket.status === 'holder'
                  ? t('terminal.ticketHolder', { event: verdict.ticket.event, ticketNo: verdict.ticket.ticketNo, seat: verdict.ticket.seat })
                  : verdict.ticket.status === 'no_ticket'
                    ? t('terminal.noTicket', { event: verdict.ticket.event })
                    : t('terminal.noEvent')}
              </dd>
            </>
          )}
          {verdict.isAdult !== undefined && (
            <>
              <dt>{t('terminal.age')}</dt>
              <dd className={verdict.isAdult ? 'adult' : 'minor'}>{verdict.isAdult ? t('terminal.adult') : t('terminal.minor')}</dd>
            </>
          )}
        </dl>
      </div>
      {verdict.isAdult === false && (
        <p className="alert error">
          {t('terminal.minorWarning')}
        </p>
      )}
      {hasPhoto && <p className="hint">{t('terminal.checkPhoto')}</p>}
      <p className="hint">{t('terminal.checkedAt', { time })}</p>
    </section>
  );
}

/**
 * The registry photo behind the verify answer's short-lived link: fetched with the terminal's key (an
 * <img src> could not send it) and shown from a blob: URL, released when the result goes away.
 */
function HolderPhoto({ link, terminalKey, alt }: { link: string; terminalKey: string; alt: string }) {
  const { t } = useTranslator();
  const [src, setSrc] = useState<string | null>(null);
  const [isMissing, setIsMissing] = useState(false);
  useEffect(() => {
    let objectUrl: string | null = null;
    let isCurrent = true;
    fetch(link, { headers: { Authorization: `Bearer ${terminalKey}` }, cache: 'no-store' })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
        if (!isCurrent) return;
        objectUrl = URL.createObjectURL(blob);
        setSrc(objectUrl);
      })
      .catch(() => isCurrent && setIsMissing(true));
    return () => {
      isCurrent = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [link, terminalKey]);
  if (isMissing) return <div className="holder-photo none">{t('terminal.noPhoto')}</div>;
  if (!src) return <div className="holder-photo none" aria-busy="true" />;
  // A blob: URL of a private image; next/image adds nothing for it.
  // eslint-disable-next-line @next/next/no-img-element
  return <img className="holder-photo" src={src} alt={alt} data-testid="holder-photo" />;
}
