export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages || messages.length === 0) return <span id={id} hidden />;
  return (
    <p id={id} className="field-error" role="alert">
      {messages.join(' ')}
    </p>
  );
}
