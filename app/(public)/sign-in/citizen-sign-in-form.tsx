'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useActionState, useState, useTransition } from 'react';
import { FieldError } from '@/components/field-error';
import { requestCodeAction, type RequestCodeState } from './actions';

export function CitizenSignInForm() {
  const [state, formAction, isRequesting] = useActionState<RequestCodeState, FormData>(requestCodeAction, null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [isVerifying, startVerifying] = useTransition();
  const router = useRouter();
  const challenge = state?.status === 'ok' ? state.data : null;
  const fieldErrors = state && state.status === 'invalid' ? (state.fieldErrors ?? {}) : {};

  function verify(formData: FormData) {
    if (!challenge) return;
    setCodeError(null);
    startVerifying(async () => {
      const response = await signIn('citizen', { challengeId: challenge.challengeId, code: String(formData.get('code') ?? ''), redirect: false });
      if (response?.ok && !response.error) {
        router.push('/me');
        router.refresh();
      } else {
        setCodeError('验证码错误或已过期，请重新获取 / The code is wrong or has expired; request a new one');
      }
    });
  }

  return (
    <>
      <form action={formAction} className="card" noValidate>
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
          maxLength={18}
          required
          aria-invalid={!!fieldErrors.idNumber}
          aria-describedby="idNumber-error"
        />
        <FieldError id="idNumber-error" messages={fieldErrors.idNumber} />
        <label htmlFor="phone">
          手机号码 <span className="hint">Registered mobile number</span>
        </label>
        <input id="phone" name="phone" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} required aria-invalid={!!fieldErrors.phone} aria-describedby="phone-error" />
        <FieldError id="phone-error" messages={fieldErrors.phone} />
        <div className="actions">
          <button type="submit" disabled={isRequesting}>
            {challenge ? '重新发送验证码 / Send a new code' : '获取验证码 / Send code'}
          </button>
        </div>
      </form>

      {challenge && (
        <form action={verify} className="card" aria-labelledby="code-heading">
          <h2 id="code-heading">输入验证码 <span className="en">Enter the code</span></h2>
          <p role="status">
            验证码已发送至 {challenge.maskedPhone}，5 分钟内有效。<span className="en">A code was sent to {challenge.maskedPhone}; it is valid for 5 minutes.</span>
          </p>
          {codeError && (
            <div className="alert error" role="alert">
              {codeError}
            </div>
          )}
          <label htmlFor="code">验证码 <span className="hint">6-digit code</span></label>
          <input id="code" name="code" className="code-input" type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} pattern="\d{6}" required />
          <div className="actions">
            <button type="submit" disabled={isVerifying}>登录 / Sign in</button>
          </div>
        </form>
      )}
    </>
  );
}
