// Copying a short text (a vote receipt) to the clipboard. The async Clipboard API needs a secure
// context and the browser's consent; where it refuses, the older selection-based copy still works
// inside a click. The caller says "copied" or "copy by hand" from the outcome.

export type CopyOutcome = 'copied' | 'failed';

export interface CopyEnvironment {
  clipboard?: { writeText(text: string): Promise<void> } | null;
  /** The selection-based fallback: true when the browser reports the copy done. */
  copyBySelection?: (text: string) => boolean;
}

function browserEnvironment(): CopyEnvironment {
  return {
    clipboard: typeof navigator !== 'undefined' ? navigator.clipboard : null,
    copyBySelection: typeof document !== 'undefined' ? copyBySelection : undefined,
  };
}

function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export async function copyText(text: string, env: CopyEnvironment = browserEnvironment()): Promise<CopyOutcome> {
  if (env.clipboard) {
    try {
      await env.clipboard.writeText(text);
      return 'copied';
    } catch {
      // Refused (no permission, not focused): try the selection below.
    }
  }
  return env.copyBySelection?.(text) ? 'copied' : 'failed';
}
