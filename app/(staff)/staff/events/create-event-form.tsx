'use client';

import { useActionState, useTransition, type FormEvent } from 'react';
import { FieldError } from '@/components/field-error';
import { useTranslator } from '@/lib/i18n/client';
import { createEventAction, type CreateEventState } from './actions';

export function CreateEventForm({ gates }: { gates: { id: string; name: string }[] }) {
  const { t, pick } = useTranslator();
  const [state, formAction, isPending] = useActionState<CreateEventState, FormData>(createEventAction, null);
  const [, startTransition] = useTransition();
  const errors = state?.status === 'invalid' ? (state.fieldErrors ?? {}) : {};
  const isInvalid = (field: string) => (errors[field]?.length ? true : undefined);
  const created = state?.status === 'ok' ? state.data : null;

  // Submitted by hand so that a refused attempt keeps what was typed; after a success the form is
  // remounted empty (its key is the new event's id).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  return (
    <section className="card" aria-labelledby="create-event-heading">
      <h2 id="create-event-heading">{t('staff.events.create.heading')}</h2>
      {created && (
        <div className="alert success" role="status">
          {t('staff.events.create.done', { name: created.name })}
        </div>
      )}
      {state && state.status !== 'ok' && (
        <div className="alert error" role="alert">
          {pick(state.message)}
        </div>
      )}
      <form method="post" key={`form-${created?.eventId ?? 'new'}`} onSubmit={submit} noValidate>
        <label htmlFor="event-name">{t('staff.events.create.name')}</label>
        <input id="event-name" name="name" type="text" required minLength={2} maxLength={80} autoComplete="off" aria-invalid={isInvalid('name')} aria-describedby="event-name-error" />
        <FieldError id="event-name-error" messages={errors.name} />

        <label htmlFor="event-venue">{t('staff.events.create.venue')}</label>
        <input id="event-venue" name="venue" type="text" required minLength={2} maxLength={80} autoComplete="off" aria-invalid={isInvalid('venue')} aria-describedby="event-venue-error" />
        <FieldError id="event-venue-error" messages={errors.venue} />

        <label htmlFor="event-starts">{t('staff.events.create.startsAt')}</label>
        <input id="event-starts" name="startsAt" type="datetime-local" required aria-invalid={isInvalid('startsAt')} aria-describedby="event-starts-error" />
        <FieldError id="event-starts-error" messages={errors.startsAt} />

        <label htmlFor="event-ends">{t('staff.events.create.endsAt')}</label>
        <input id="event-ends" name="endsAt" type="datetime-local" required aria-invalid={isInvalid('endsAt')} aria-describedby="event-ends-error" />
        <FieldError id="event-ends-error" messages={errors.endsAt} />

        <fieldset aria-describedby="event-gates-error">
          <legend className="field-legend">
            {t('staff.events.create.gates')} <span className="hint">{t('staff.events.create.gatesHint')}</span>
          </legend>
          {gates.map((gate) => (
            <label key={gate.id} className="choice">
              <input type="checkbox" name="gateTerminalIds" value={gate.id} />
              <span>{gate.name}</span>
            </label>
          ))}
        </fieldset>
        <FieldError id="event-gates-error" messages={errors.gateTerminalIds} />

        <div className="actions">
          <button type="submit" disabled={isPending} aria-busy={isPending}>
            {t('staff.events.create.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
