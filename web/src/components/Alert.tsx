import type { ComponentChildren } from 'preact';
import { t } from '../i18n';

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

/** "Rule MTG-3": the RULEBOOK id of the regulation that refused a request. */
export function RuleRef({ rule }: { rule: string | null | undefined }) {
  if (!rule) return null;
  return (
    <span class="rule-ref" data-rule={rule}>
      {t('ui.rule.ref', { rule })}
    </span>
  );
}

/** A refusal: the server's headline and detail, and the rule that refused, when there is one. */
export function ErrorList({ messages, rule }: { messages: string[]; rule?: string | null }) {
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
      {rule && (
        <p>
          <RuleRef rule={rule} />
        </p>
      )}
    </Alert>
  );
}
