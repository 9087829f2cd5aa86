'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useActionState, useState, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { requestCodeAction, type RequestCodeState } from './actions';

export function CitizenSignInForm() {
  const [state, formAction, isRequesting] = useActionState<RequestCodeState, FormData>(requestCodeAction, null);
  const [, startRequesting] = useTransition();
  const [codeError, setCodeError] = useState<string | null>(null);
  const [isVerifying, startVerifying] = useTransition();
  const router = useRouter();
  const challenge = state?.status === 'ok' ? state.data : null;
  const fieldErrors = state && state.status === 'invalid' ? (state.fieldErrors ?? {}) : {};

  // Submitted by hand so a mistake does not wipe what was typed (a form action resets the form).
  function requestCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isRequesting) return;
    setCodeError(null);
    const formData = new FormData(event.currentTarget);
    startRequesting(() => formAction(formData));
  }

  function verify(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!challenge || isVerifying) return;
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    if (!/^\d{6}$/.test(code)) {
      setCodeError('请输入短信中的 6 位数字验证码 / Enter the 6-digit code from the text message');
      return;
    }
    setCodeError(null);
    startVerifying(async () => {
      const response = await signIn('citizen', { challengeId: challenge.challengeId, code, redirect: false });
      if (response?.ok && !response.error) {
        router.push('/me');
        router.refresh();
      } else {
        // The server's own words (attempts left, or how long to wait) when it gave them.
        const fromServer = response?.error && response.error !== 'CredentialsSignin' ? response.error : null;
        setCodeError(fromServer ?? '验证码错误或已过期。请核对后重新输入，或重新获取验证码。/ The code is wrong or has expired. Check it and try again, or send a new code.');
      }
    });
  }

  return (
    <>
      <form onSubmit={requestCode} className="card" noValidate aria-labelledby="details-heading">
        <h2 id="details-heading">
          <span className="step-label">第 1 步 / Step 1</span>
          核对身份信息 <span className="en">Your details</span>
        </h2>
        {state && state.status !== 'ok' && (
          <div className="alert error" role="alert">
            {state.message}
          </div>
        )}
        <label htmlFor="name">
          姓名 <span className="hint">Name, as on your ID card</span>
        </label>
        <input id="name" name="name" type="text" autoComplete="name" required aria-invalid={!!fieldErrors.name} aria-describedby="name-error" />
        <FieldError id="name-error" messages={fieldErrors.name} />
        <label htmlFor="idNumber">
          公民身份号码 <span className="hint">18-digit resident ID number (last character may be X)</span>
        </label>
        <input
          id="idNumber"
          name="idNumber"
          type="text"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={18}
          required
          className="mono"
          aria-invalid={!!fieldErrors.idNumber}
          aria-describedby="idNumber-error"
        />
        <FieldError id="idNumber-error" messages={fieldErrors.idNumber} />
        <label htmlFor="phone">
          手机号码 <span className="hint">Mobile number registered with the police</span>
        </label>
        <input id="phone" name="phone" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} required aria-invalid={!!fieldErrors.phone} aria-describedby="phone-error" />
        <FieldError id="phone-error" messages={fieldErrors.phone} />
        <div className="actions">
          <button type="submit" className={challenge ? 'secondary' : undefined} disabled={isRequesting} aria-busy={isRequesting}>
            {challenge ? '重新发送验证码 / Send a new code' : isRequesting ? '正在核验… / Checking…' : '获取验证码 / Send code'}
          </button>
        </div>
      </form>

      {challenge && (
        <form onSubmit={verify} className="card" aria-labelledby="code-heading" noValidate>
          <h2 id="code-heading">
            <span className="step-label">第 2 步 / Step 2</span>
            输入验证码 <span className="en">Enter the code</span>
          </h2>
          <p role="status">
            验证码已发送至 {challenge.maskedPhone}，5 分钟内有效。<span className="en">A code was sent to {challenge.maskedPhone}; it is valid for 5 minutes.</span>
          </p>
          {codeError && (
            <div className="alert error" role="alert" id="code-error">
              {codeError}
            </div>
          )}
          <label htmlFor="code">验证码 <span className="hint">6-digit code from the text message</span></label>
          <input
            id="code"
            name="code"
            className="code-input"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            autoFocus
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? 'code-error' : undefined}
          />
          <div className="actions">
            <button type="submit" disabled={isVerifying} aria-busy={isVerifying}>登录 / Sign in</button>
          </div>
        </form>
      )}
    </>
  );
}
