/** Waiting in tests that poll what clients hold (phones, outboxes), never a timed assertion: `ms` only bounds a hang. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(predicate: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
