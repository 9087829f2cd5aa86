import type { CitizenApplicationView } from '@/lib/applications/citizen-application-view';
import { getTranslator } from '@/lib/i18n/server';
import { formatBytes } from '@/components/format';

const FILE_TYPES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/** The files the citizen sent, each opening in a new tab. */
export async function ApplicationDocuments({ view }: { view: CitizenApplicationView }) {
  const { t, label } = await getTranslator();
  const { documents, definition } = view;
  const documentLabels = new Map((definition?.documents ?? []).map((d) => [d.kind, d]));
  return (
    <section className="card" aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('myApplications.detail.documentsHeading')}</h2>
      {documents.length === 0 ? (
        <p className="hint">{t('myApplications.detail.noDocuments')}</p>
      ) : (
        <ul className="doc-list">
          {documents.map((doc) => {
            const kind = documentLabels.get(doc.kind);
            return (
              <li key={doc.id}>
                {kind && <>{label({ zh: kind.labelZh, en: kind.labelEn })}: </>}
                <a href={`/api/documents/${doc.id}`} target="_blank" rel="noopener">{doc.fileName}</a>{' '}
                <span className="hint" style={{ display: 'inline' }}>
                  {FILE_TYPES[doc.mimeType] ?? doc.mimeType} · {formatBytes(doc.sizeBytes)} · {t('myApplications.detail.opensInNewTab')}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
