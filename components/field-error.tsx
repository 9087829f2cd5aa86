'use client';

import { useTranslator } from '@/lib/i18n/client';

/**
 * A field's error, tied to its input by `id` (the input's aria-describedby). Messages from `lib/` are
 * bilingual ("中文 / English"): the reader sees their own language.
 */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  const { pick } = useTranslator();
  if (!messages || messages.length === 0) return <span id={id} hidden />;
  return (
    <p id={id} className="field-error" role="alert">
      {messages.map(pick).join(' ')}
    </p>
  );
}
