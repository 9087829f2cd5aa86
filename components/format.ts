// Dates: use the translator's `date()` / `dateTime()` (lib/i18n), which format per language in Beijing time.

/**
 * @deprecated Chinese-only; kept until the citizen "my applications" pages (app/(citizen)/me) move to the
 * translator's `dateTime()`. New code must not use it.
 */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(typeof value === 'string' ? new Date(value) : value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
