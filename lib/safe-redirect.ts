/** Only same-site paths may be a "come back here" target: no scheme, no host, no protocol-relative //. */
export function safeLocalPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  return /^\/[A-Za-z0-9/_\-?=&.%]*$/.test(value) ? value : fallback;
}
