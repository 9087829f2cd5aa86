import { getDb } from '@/db/client';
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
  const result = await verifyCertificate(await getDb(), token);
  return (
    <main className="narrow">
      <h1>
        证件核验 <span className="en">Certificate check</span>
      </h1>
      {!result.found ? (
        <div className="alert error" role="alert" data-testid="verdict">
          未找到该证件，可能是伪造的。/ No such certificate: it may be forged.
        </div>
      ) : (
        <>
          <div className={`alert ${VERDICTS[result.status].className}`} role="status" data-testid="verdict">
            <strong>
              {VERDICTS[result.status].zh} {VERDICTS[result.status].en}
            </strong>
            <div>{VERDICTS[result.status].text}</div>
          </div>
          <section className="card">
            <dl className="facts">
              <dt>证件 Certificate</dt>
              <dd>
                {result.kindZh} <span className="en">{result.kindEn}</span>
              </dd>
              <dt>编号 Serial</dt>
              <dd>{result.serialNumber}</dd>
              <dt>持证人 Holder</dt>
              <dd data-testid="holder">{result.holderNameMasked}</dd>
              <dt>签发时间 Issued</dt>
              <dd>{formatDateTime(result.issuedAt)}</dd>
            </dl>
          </section>
        </>
      )}
    </main>
  );
}
