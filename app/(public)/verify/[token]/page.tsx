import { headers } from 'next/headers';
import { getDb } from '@/db/client';
import { clientKeyFrom } from '@/lib/security/throttle-rules';
import { verifyCertificate } from '@/lib/certificates/verify-certificate';
import { formatDateTime } from '@/components/format';

export const metadata = { title: '证件核验 / Certificate check', robots: { index: false } };
export const dynamic = 'force-dynamic';

const VERDICTS = {
  valid: { zh: '有效', en: 'Valid', className: 'success', text: '此证件由武汉市公安局签发，真实有效。/ This certificate was issued by the Wuhan Public Security Bureau and is valid.' },
  revoked: { zh: '已撤销', en: 'Revoked', className: 'error', text: '此证件已被撤销，不再有效。/ This certificate has been revoked and is no longer valid.' },
  superseded: { zh: '已被替换', en: 'Superseded', className: 'error', text: '此证件已被新证件替换。/ This certificate was replaced by a newer one.' },
  tampered: { zh: '无法核验', en: 'Cannot be verified', className: 'error', text: '存档文件校验失败，请联系签发机关。/ The archived file failed its integrity check; contact the issuing office.' },
} as const;

/** Public: what a QR scan tells anyone — genuine or not, and the holder's name masked. */
export default async function VerifyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const result = await verifyCertificate(await getDb(), token, clientKeyFrom(await headers()));
  if (!result.found && result.throttledForSeconds) {
    return (
      <main className="narrow">
        <h1>
          证件核验 <span className="en">Certificate check</span>
        </h1>
        <div className="alert error" role="alert" data-testid="verdict">
          核验过于频繁，请 {result.throttledForSeconds} 秒后再试。/ Too many checks from this device; try again in {result.throttledForSeconds} s.
        </div>
      </main>
    );
  }
  return (
    <main className="narrow">
      <h1>
        证件核验 <span className="en">Certificate check</span>
      </h1>
      {!result.found ? (
        <>
          <div className="alert error" role="alert" data-testid="verdict">
            <h2>未找到该证件 <span className="en">No such certificate</span></h2>
            签发记录中没有此证件，它可能是伪造的。/ It is not in the issuing records: it may be forged.
          </div>
          <section className="card">
            <h2>怎么办 <span className="en">What to do</span></h2>
            <ul>
              <li>
                请确认是用手机直接扫描证件上的二维码打开本页，网址没有被截断或改动。
                <span className="en"> Make sure this page was opened by scanning the QR code on the certificate, and the address was not cut short or changed.</span>
              </li>
              <li>
                如仍无法核验，请勿采信该证件，并联系签发机关或拨打 110 报警。
                <span className="en"> If it still cannot be verified, do not rely on the certificate; contact the issuing office or call 110.</span>
              </li>
            </ul>
          </section>
        </>
      ) : (
        <>
          <div className={`alert ${VERDICTS[result.status].className}`} role="status" data-testid="verdict">
            <h2>
              {VERDICTS[result.status].zh} <span className="en">{VERDICTS[result.status].en}</span>
            </h2>
            <div>{VERDICTS[result.status].text}</div>
          </div>
          <section className="card" aria-labelledby="certificate-heading">
            <h2 id="certificate-heading">证件信息 <span className="en">Certificate details</span></h2>
            <dl className="facts">
              <dt>证件 Certificate</dt>
              <dd>
                {result.kindZh} <span className="en">{result.kindEn}</span>
              </dd>
              <dt>编号 Serial</dt>
              <dd className="mono">{result.serialNumber}</dd>
              <dt>持证人 Holder</dt>
              <dd data-testid="holder">{result.holderNameMasked}</dd>
              <dt>签发时间 Issued</dt>
              <dd>{formatDateTime(result.issuedAt)}</dd>
              <dt>核验时间 Checked</dt>
              <dd>{formatDateTime(new Date())}</dd>
            </dl>
            <p className="hint" style={{ marginTop: 12 }}>
              为保护个人信息，持证人姓名仅显示首字。请核对证件上的编号与此处一致。
              <span lang="en"> To protect privacy only the first character of the holder’s name is shown. Check that the serial number on the certificate matches.</span>
            </p>
          </section>
        </>
      )}
    </main>
  );
}
