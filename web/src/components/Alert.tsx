import type { ComponentChildren } from 'preact';

interface AlertProps {
  kind?: 'error' | 'success' | 'info' | 'warning';
  children: ComponentChildren;
  id?: string;
}

/** Errors interrupt (role=alert); other notices are announced politely (role=status). */
export function Alert({ kind = 'error', children, id }: AlertProps) {
  return (
    <div id={id} class={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function ErrorList({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert kind="error">
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <>
          <p>{messages[0]}</p>
          <ul>
            {messages.slice(1).map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}
