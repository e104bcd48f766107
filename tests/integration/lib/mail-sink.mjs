// Waiting for what the server does in the background (mail delivery, jobs), and reading the SMTP
// sink that tests/run-integration.sh starts for each backend (KENES_SMTP_SINK).
import assert from 'node:assert/strict';

/** Polls `probe` until it returns something truthy, and returns that; fails after `seconds`. */
export async function until(what, probe, seconds = 60) {
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; ) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`waited in vain for ${what}`);
}

/** The mails the sink received for `email` so far. */
export async function mailsTo(email, sink = process.env.KENES_SMTP_SINK) {
  return (await (await fetch(`${sink}/messages`)).json()).messages.filter((m) => m.to.includes(email));
}
