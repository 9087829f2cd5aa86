import { getTranslator } from '@/lib/i18n/server';
import type { DeliveryStats } from '@/lib/delivery/queries';

/** Dispatched and delivered per day as paired bars, drawn on the server as plain SVG. */
export async function PerDayChart({ perDay }: { perDay: DeliveryStats['perDay'] }) {
  const { t } = await getTranslator();
  const width = 560;
  const height = 160;
  const pad = 24;
  const max = Math.max(1, ...perDay.flatMap((d) => [d.dispatched, d.delivered]));
  const slot = (width - pad) / perDay.length;
  const bar = Math.max(2, slot / 2 - 2);
  const y = (n: number) => height - pad - (n / max) * (height - 2 * pad);
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('staff.deliveries.perDayChart')} data-testid="chart-per-day">
        <line x1={pad} y1={height - pad} x2={width} y2={height - pad} stroke="#888" />
        <text x={2} y={pad} fontSize="10">{max}</text>
        {perDay.map((d, i) => (
          <g key={d.date}>
            <rect x={pad + i * slot} y={y(d.dispatched)} width={bar} height={height - pad - y(d.dispatched)} fill="#2b6cb0">
              <title>{t('staff.deliveries.dispatchedOn', { date: d.date, count: d.dispatched })}</title>
            </rect>
            <rect x={pad + i * slot + bar + 1} y={y(d.delivered)} width={bar} height={height - pad - y(d.delivered)} fill="#2f855a">
              <title>{t('staff.deliveries.deliveredOn', { date: d.date, count: d.delivered })}</title>
            </rect>
            {i % 2 === 0 && <text x={pad + i * slot} y={height - 8} fontSize="9">{d.date.slice(5)}</text>}
          </g>
        ))}
      </svg>
      <figcaption className="hint">
        <span style={{ color: '#2b6cb0' }} aria-hidden="true">■</span> {t('staff.deliveries.dispatched')} · <span style={{ color: '#2f855a' }} aria-hidden="true">■</span>{' '}
        {t('staff.deliveries.delivered')} {t('staff.deliveries.lastDays', { days: perDay.length })}
      </figcaption>
    </figure>
  );
}

/** A single proportion as a bar, e.g. the return rate. */
export function RateBar({ label, rate }: { label: string; rate: number | null }) {
  const value = rate ?? 0;
  return (
    // Scales to its card (a fixed 200 px overflowed the 170 px-wide stat cards).
    <svg className="rate-bar" viewBox="0 0 200 16" preserveAspectRatio="none" role="img" aria-label={`${label} ${rate ?? '—'}%`}>
      <rect x="0" y="0" width="200" height="16" fill="#edf2f7" />
      <rect x="0" y="0" width={2 * Math.min(100, value)} height="16" fill="#c53030" />
    </svg>
  );
}
