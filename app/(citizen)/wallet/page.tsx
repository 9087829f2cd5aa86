import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireCitizenPage } from '@/lib/auth/session';
import { getPhotoConsent } from '@/lib/face/face-check';
import { canShowIdentityQr, getWallet } from '@/lib/identity/wallet';
import { formatDateTime } from '@/components/format';
import { SignOutEverywhereForm } from '@/components/sign-out-everywhere-form';
import { revokePhotoConsentAction } from './actions';
import { EidStatusForm } from './eid-status-form';
import { IdentityQr } from './identity-qr';

export const metadata = { title: '证照卡包 / Card wallet' };

const STATUS_LABELS = {
  valid: { zh: '有效', en: 'Valid' },
  expired: { zh: '已过期', en: 'Expired' },
  reported_lost: { zh: '已挂失', en: 'Reported lost' },
  revoked: { zh: '已注销', en: 'Revoked' },
} as const;
const EID_STATUS = { active: { zh: '正常', en: 'Active' }, suspended: { zh: '已暂停', en: 'Suspended' }, revoked: { zh: '已注销', en: 'Revoked' } } as const;
const USE_LABELS = {
  sign_in: { zh: '登录', en: 'Sign-in' },
  terminal_scan: { zh: '扫码核验', en: 'Terminal scan' },
  qr_sign_in: { zh: '扫码登录', en: 'QR sign-in' },
  step_up: { zh: '认证升级', en: 'Level raised' },
} as const;

export default async function WalletPage() {
  const actor = await requireCitizenPage();
  const db = await getDb();
  const [wallet, photoConsent] = await Promise.all([getWallet(db, actor), getPhotoConsent(db, actor)]);
  if (!wallet) notFound();
  return (
    <main className="narrow wallet">
      <h1>
        证照卡包 <span className="en">Card wallet</span>
      </h1>

      <section className="eid-card" aria-labelledby="eid-card-title" data-testid="eid-card">
        {wallet.card.hasPhoto ? (
          // eslint-disable-next-line @next/next/no-img-element -- a private, per-user image behind a session check
          <img className="eid-photo" src="/api/wallet/photo" alt="证件照 / ID photo" />
        ) : (
          <div className="eid-photo" role="img" aria-label="暂无证件照 / No photo on record">
            {wallet.card.name.slice(0, 1)}
          </div>
        )}
        <div>
          <h2 id="eid-card-title">电子身份证 <span className="en">e-ID</span></h2>
          <p className="eid-name">{wallet.card.name}</p>
          <p className="eid-number">{wallet.card.idNumberMasked}</p>
          {wallet.eid ? (
            <p>
              <span className={`badge ${wallet.eid.status === 'active' ? 'valid' : 'revoked'}`} data-testid="eid-status">
                {EID_STATUS[wallet.eid.status].zh} {EID_STATUS[wallet.eid.status].en}
              </span>{' '}
              L{wallet.eid.assuranceLevel}
            </p>
          ) : (
            <p>
              尚未申领。<Link href="/enrol?next=/wallet">立即申领 / Get your e-ID</Link>
            </p>
          )}
        </div>
      </section>

      {wallet.eid?.status === 'active' && (
        <section className="card" aria-labelledby="qr-title">
          <h2 id="qr-title">
            身份码 <span className="en">Identity code</span>
          </h2>
          {canShowIdentityQr(actor) ? (
            <IdentityQr />
          ) : (
            <p>
              出示身份码前，请先完成本次登录的问卷验证。<Link href="/enrol?next=/wallet">去验证 / Verify now</Link>
              <span className="en"> To show your identity code, first verify this sign-in with the questionnaire.</span>
            </p>
          )}
        </section>
      )}

      {(wallet.eid?.status === 'active' || wallet.eid?.status === 'suspended') && (
        <section className="card" aria-labelledby="eid-status-title">
          <h2 id="eid-status-title">
            电子身份证状态 <span className="en">e-ID status</span>
          </h2>
          <EidStatusForm status={wallet.eid.status} />
        </section>
      )}

      <section className="card" aria-labelledby="photo-consent-title" data-testid="photo-consent">
        <h2 id="photo-consent-title">
          证件照授权 <span className="en">Photo for traffic documents</span>
        </h2>
        {photoConsent ? (
          <form action={revokePhotoConsentAction}>
            <p>
              已同意：{formatDateTime(photoConsent.grantedAt)} 实人核验时拍摄的正面照片可用作交管业务证件照片。
              <span className="en"> Consent given: the frontal photo from your real-person check on {formatDateTime(photoConsent.grantedAt)} may be used on your traffic documents.</span>
            </p>
            <button type="submit" className="secondary">撤回授权并删除照片 / Withdraw and delete the photo</button>
          </form>
        ) : (
          <p className="hint">
            未授权。可在实人核验时同意使用核验照片作为驾驶证等证件照片。 <span className="en">Not given. You can agree to it during the real-person check.</span>
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="credentials-title">
        <h2 id="credentials-title">
          我的证照 <span className="en">My credentials</span>
        </h2>
        <ul className="credential-list" data-testid="credentials">
          {wallet.credentials.map((credential) => (
            <li key={credential.kind}>
              <strong>{credential.label.zh}</strong> <span className="en">{credential.label.en}</span>
              {credential.documents.length === 0 ? (
                <div className="hint">未办理 / Not held</div>
              ) : (
                credential.documents.map((doc, i) => (
                  <div key={i} className="hint">
                    {doc.numberMasked} · <span className={`badge ${doc.status === 'valid' ? 'valid' : 'revoked'}`}>{STATUS_LABELS[doc.status].zh} {STATUS_LABELS[doc.status].en}</span> · 有效期至 / valid until {doc.expiresOn ?? '长期 / no expiry'}
                  </div>
                ))
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="uses-title">
        <h2 id="uses-title">
          谁使用了我的身份 <span className="en">Who used my identity</span>
        </h2>
        {wallet.uses.length === 0 ? (
          <p className="hint">暂无记录 / Nothing yet</p>
        ) : (
          <ol className="timeline" data-testid="identity-uses">
            {wallet.uses.map((use) => (
              <li key={use.id}>
                <strong>{USE_LABELS[use.kind].zh}</strong> <span className="en">{USE_LABELS[use.kind].en}</span> · {use.result}
                {use.terminalName && <div className="hint">{use.terminalName}</div>}
                <time dateTime={use.createdAt.toISOString()}>{formatDateTime(use.createdAt)}</time>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">
          登录设备 <span className="en">Signed-in devices</span>
        </h2>
        <p className="hint">手机丢失或在他人电脑上登录过？退出所有设备上的登录。 <span className="en">Lost a phone or used a shared computer? End every session.</span></p>
        <SignOutEverywhereForm />
      </section>
    </main>
  );
}
