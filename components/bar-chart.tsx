import { getTranslator } from '@/lib/i18n/server';

/** A plain SVG bar chart (horizontal), enough for counts: no chart library, readable without colour. */
export async function BarChart({ data, label }: { data: { label: string; value: number }[]; label: string }) {
  const { t } = await getTranslator();
  const max = Math.max(1, ...data.map((d) => d.value));
  const rowHeight = 22;
  const labelWidth = 120;
  const width = 480;
  const height = data.length * rowHeight + 4;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} className="bar-chart">
      <title>{label}</title>
      {data.map((d, i) => {
        const barWidth = ((width - labelWidth - 60) * d.value) / max;
        const y = i * rowHeight + 2;
        return (
          <g key={d.label}>
            <text x={labelWidth - 6} y={y + 15} textAnchor="end" fontSize="12">{d.label}</text>
            <rect x={labelWidth} y={y + 3} width={Math.max(barWidth, d.value > 0 ? 2 : 0)} height={rowHeight - 8} fill="#2f6fb3" />
            <text x={labelWidth + barWidth + 6} y={y + 15} fontSize="12">{t('components.chartCount', { count: d.value })}</text>
          </g>
        );
      })}
    </svg>
  );
}
