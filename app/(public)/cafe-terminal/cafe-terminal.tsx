'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslator } from '@/lib/i18n/client';

// The café's screen: the terminal key (this tab's sessionStorage only, sent only to our own API), a
// seat, and the seat's QR, renewed before it lapses. It polls every second whether the QR was
// confirmed in a wallet, then shows who checked in; the café's register sits below, with check-out.

const KEY_STORAGE = 'eid-cafe-terminal-key';
const POLL_MS = 1000;
// Ask for the next QR a little before this one lapses, so the one on screen always works.
const RENEW_BEFORE_MS = 3000;

type Code = { nonce: string; svg: string; expiresAt: string; seat: string };
type CheckIn = { id: string; seat: string; name: string; isAdult: boolean; checkedInAt: string; checkedOutAt: string | null };
type RegisterRow = { id: string; seat: string; name: string; idNumberMasked: string; checkedInAt: string; checkedOutAt: string | null };
type Problem = 'noKey' | 'badKey' | 'wrongKind' | 'badSeat' | 'offline' | 'unavailable';

export function CafeTerminal() {
  const { t, dateTime } = useTranslator();
  const keyRef = useRef<HTMLInputElement>(null);
  const [seat, setSeat] = useState('');
  const [code, setCode] = useState<Code | null>(null);
  const [checkIn, setCheckIn] = useState<CheckIn | null>(null);
  const [rows, setRows] = useState<RegisterRow[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const saved = sessionStorage.getItem(KEY_STORAGE);
    if (saved && keyRef.current && !keyRef.current.value) keyRef.current.value = saved;
  }, []);

  const call = useCallback(async (path: string, init: RequestInit = {}): Promise<Record<string, unknown> | null> => {
    const key = keyRef.current?.value.trim() ?? '';
    if (!key) {
      setProblem('noKey');
      return null;
    }
    sessionStorage.setItem(KEY_STORAGE, key);
    let response: Response;
    try {
      response = await fetch(path, { ...init, cache: 'no-store', headers: { ...init.headers, Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' } });
    } catch {
      setProblem('offline');
      return null;
    }
    if (response.status === 401) return (setProblem('badKey'), null);
    if (response.status === 403) return (setProblem('wrongKind'), null);
    if (response.status === 400) return (setProblem('badSeat'), null);
    if (response.status >= 500) return (setProblem('unavailable'), null);
    return (await response.json()) as Record<string, unknown>;
  }, []);

  const loadRegister = useCallback(async () => {
    const answer = await call('/api/terminal/cafe/register');
    if (answer) setRows(answer.rows as RegisterRow[]);
  }, [call]);

  const issue = useCallback(
    async (forSeat: string) => {
      const answer = await call('/api/terminal/cafe/codes', { method: 'POST', body: JSON.stringify({ seat: forSeat }) });
      if (!answer) return;
      setProblem(null);
      setCheckIn(null);
      setCode({ nonce: String(answer.nonce), svg: String(answer.svg), expiresAt: String(answer.expiresAt), seat: String(answer.seat) });
    },
    [call],
  );

  // While a QR is on screen: once a second, was it confirmed? Renew it before it lapses.
  useEffect(() => {
    if (!code) return;
    let isStopped = false;
    const timer = window.setInterval(async () => {
      setNow(Date.now());
      if (Date.parse(code.expiresAt) - Date.now() < RENEW_BEFORE_MS) {
        window.clearInterval(timer);
        if (!isStopped) await issue(code.seat);
        return;
      }
      const answer = await call(`/api/terminal/cafe/codes/${code.nonce}`);
      if (isStopped || answer?.status !== 'checked_in') return;
      window.clearInterval(timer);
      setCheckIn(answer.checkIn as CheckIn);
      setCode(null);
      void loadRegister();
    }, POLL_MS);
    return () => {
      isStopped = true;
      window.clearInterval(timer);
    };
  }, [code, call, issue, loadRegister]);

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void issue(seat.trim());
    void loadRegister();
  }

  async function checkOut(checkInId: string) {
    const answer = await call('/api/terminal/cafe/check-out', { method: 'POST', body: JSON.stringify({ checkInId }) });
    if (answer && checkIn?.id === checkInId) setCheckIn({ ...checkIn, checkedOutAt: new Date().toISOString() });
    await loadRegister();
  }

  return (
    <>
      <form method="post" className="card" onSubmit={start}>
        <h2>{t('cafe.terminal.keyHeading')}</h2>
        <label htmlFor="cafe-key">{t('cafe.terminal.keyLabel')}</label>
        <input id="cafe-key" ref={keyRef} type="password" autoComplete="off" data-testid="cafe-terminal-key" aria-describedby="cafe-key-hint" />
        <p id="cafe-key-hint" className="hint">{t('cafe.terminal.keyHint')}</p>
        <label htmlFor="cafe-seat">{t('cafe.terminal.seatLabel')}</label>
        <input id="cafe-seat" value={seat} onChange={(e) => setSeat(e.target.value)} required maxLength={8} aria-describedby="cafe-seat-hint" />
        <p id="cafe-seat-hint" className="hint">{t('cafe.terminal.seatHint')}</p>
        <button type="submit" className="primary">{t('cafe.terminal.start')}</button>
      </form>

      {problem && (
        <div className="alert error" role="alert">
          {t(`cafe.terminal.problems.${problem}`)}
        </div>
      )}

      {code && (
        <section className="card" aria-live="polite">
          <div className="qr-image" data-testid="cafe-qr" role="img" aria-label={t('cafe.terminal.qrImage', { seat: code.seat })} dangerouslySetInnerHTML={{ __html: code.svg }} />
          <p>{t('cafe.terminal.scanHint')}</p>
          <p className="hint">
            {t('cafe.terminal.waiting')} {t('cafe.terminal.expiresIn', { seconds: Math.max(0, Math.ceil((Date.parse(code.expiresAt) - now) / 1000)) })}
          </p>
        </section>
      )}

      {checkIn && (
        <section className="alert success" role="status" data-testid="cafe-checked-in">
          <p>
            <strong>{t('cafe.terminal.checkedIn', { name: checkIn.name, seat: checkIn.seat })}</strong> · {checkIn.isAdult ? t('cafe.terminal.adult') : t('cafe.terminal.minor')}
          </p>
          {checkIn.checkedOutAt ? <p>{t('cafe.terminal.checkedOut')}</p> : <button type="button" onClick={() => void checkOut(checkIn.id)}>{t('cafe.terminal.checkOut')}</button>}{' '}
          <button type="button" className="primary" onClick={() => void issue(seat.trim())}>{t('cafe.terminal.next')}</button>
        </section>
      )}

      {rows && (
        <section className="card">
          <h2>{t('cafe.terminal.registerHeading')}</h2>
          <button type="button" onClick={() => void loadRegister()}>{t('cafe.terminal.refresh')}</button>
          {rows.length === 0 ? (
            <p className="hint">{t('cafe.terminal.empty')}</p>
          ) : (
            <table data-testid="cafe-register">
              <thead>
                <tr>
                  <th>{t('cafe.terminal.columns.seat')}</th>
                  <th>{t('cafe.terminal.columns.name')}</th>
                  <th>{t('cafe.terminal.columns.idNumber')}</th>
                  <th>{t('cafe.terminal.columns.checkedInAt')}</th>
                  <th>{t('cafe.terminal.columns.checkedOutAt')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>{row.seat}</td>
                    <td>{row.name}</td>
                    <td>{row.idNumberMasked}</td>
                    <td>{dateTime(row.checkedInAt)}</td>
                    <td>
                      {row.checkedOutAt ? dateTime(row.checkedOutAt) : (
                        <>
                          {t('cafe.terminal.stillIn')} <button type="button" onClick={() => void checkOut(row.id)}>{t('cafe.terminal.checkOut')}</button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
