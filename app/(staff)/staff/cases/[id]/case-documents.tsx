import type { CaseView } from '@/lib/applications/case-view';
import { getTranslator } from '@/lib/i18n/server';
import { formatBytes } from '@/components/format';
import { DocumentViewer } from './document-viewer';

/** The automatic cross-checks, then each uploaded document with its viewer. */
export async function CaseDocuments({ view }: { view: CaseView }) {
  const translator = await getTranslator();
  const { t, label, dateTime } = translator;
  const { checks, documents, definition } = view;
  const documentLabels = new Map((definition?.documents ?? []).map((d) => [d.kind, d]));
  return (
    <>
      <section className="card" aria-labelledby="checks-heading">
        <h2 id="checks-heading">{t('staff.case.checks')}</h2>
        <ul className="checks" data-testid="cross-checks">
          {checks.map((check) => (
            <li key={check.key} className={check.isOk ? 'match' : 'mismatch'} data-check={check.key} data-ok={check.isOk}>
              {check.isOk ? '✓' : '⚠'} {label({ zh: check.labelZh, en: check.labelEn })} <span className="hint">{translator.pick(check.detail)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="docs-heading">
        <h2 id="docs-heading">{t('staff.case.documents', { count: documents.length })}</h2>
        {documents.length === 0 && <p className="hint">{t('staff.case.noDocuments')}</p>}
        {documents.map((doc) => {
          const spec = documentLabels.get(doc.kind);
          return (
            <figure key={doc.id} className="doc-figure">
              <figcaption>
                <strong>{spec ? label({ zh: spec.labelZh, en: spec.labelEn }) : doc.kind}</strong> ·{' '}
                <a href={`/api/documents/${doc.id}`} target="_blank" rel="noopener">{doc.fileName}</a>{' '}
                <span className="hint" style={{ display: 'inline' }}>
                  {t('staff.case.uploaded', { size: formatBytes(doc.sizeBytes), time: dateTime(doc.uploadedAt) })}
                </span>
              </figcaption>
              <DocumentViewer src={`/api/documents/${doc.id}`} mimeType={doc.mimeType} title={doc.fileName} />
            </figure>
          );
        })}
      </section>
    </>
  );
}
