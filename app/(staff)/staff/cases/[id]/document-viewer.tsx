'use client';

import { useState } from 'react';
import { useTranslator } from '@/lib/i18n/client';

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

/**
 * A document beside the registry record: images zoom and rotate in place; PDFs show their pages
 * inline (the browser's viewer) and can be turned and enlarged the same way, for a scan that came in sideways.
 */
export function DocumentViewer({ src, mimeType, title }: { src: string; mimeType: string; title: string }) {
  const { t } = useTranslator();
  const [zoomIndex, setZoomIndex] = useState(2);
  const [rotation, setRotation] = useState(0);
  const zoom = ZOOM_STEPS[zoomIndex]!;
  const isPdf = mimeType === 'application/pdf';
  const transform = `rotate(${rotation}deg) scale(${zoom})`;
  return (
    <div className="doc-viewer-frame" data-zoom={zoom} data-rotation={rotation}>
      <div className="doc-viewer-tools" role="toolbar" aria-label={t('staff.viewer.tools', { title })}>
        <button type="button" className="secondary small" onClick={() => setZoomIndex((i) => Math.max(0, i - 1))} disabled={zoomIndex === 0}>
          {t('staff.viewer.zoomOut')}
        </button>
        <span className="mono" aria-live="polite">{Math.round(zoom * 100)}%</span>
        <button type="button" className="secondary small" onClick={() => setZoomIndex((i) => Math.min(ZOOM_STEPS.length - 1, i + 1))} disabled={zoomIndex === ZOOM_STEPS.length - 1}>
          {t('staff.viewer.zoomIn')}
        </button>
        <button type="button" className="secondary small" onClick={() => setRotation((r) => (r + 90) % 360)}>
          {t('staff.viewer.rotate')}
        </button>
        <button type="button" className="link small" onClick={() => { setZoomIndex(2); setRotation(0); }}>
          {t('staff.viewer.reset')}
        </button>
      </div>
      <div className="doc-viewer-canvas">
        {isPdf ? (
          <iframe className="doc-viewer" src={src} title={t('staff.viewer.document', { title })} data-testid="document-viewer" style={{ transform, transformOrigin: 'center top' }} />
        ) : (
          // eslint-disable-next-line @next/next/no-img-element -- private, auth-checked bytes; next/image would proxy them
          <img className="doc-viewer-img" src={src} alt={t('staff.viewer.document', { title })} data-testid="document-viewer" style={{ transform, transformOrigin: 'center center' }} />
        )}
      </div>
    </div>
  );
}
