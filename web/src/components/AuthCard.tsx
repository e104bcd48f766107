// The narrow centred card of the pages used before signing in (sign in, activate, forgot, reset).
import type { ComponentChildren } from 'preact';

export function AuthCard({ testid, children }: { testid?: string; children: ComponentChildren }) {
  return (
    <div class="login-page">
      <div class="login-card card" data-testid={testid}>
        {children}
      </div>
    </div>
  );
}
