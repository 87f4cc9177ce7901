/** Text a participant is typing, kept on the device so a reload or a lost connection never eats it. */
export class Draft {
  #text = $state('');
  private key: string;

  constructor(key: string) {
    this.key = key;
    try {
      this.#text = localStorage.getItem(key) ?? '';
    } catch {
      this.#text = '';
    }
  }

  get text(): string {
    return this.#text;
  }

  set text(value: string) {
    this.#text = value;
    try {
      if (value) localStorage.setItem(this.key, value);
      else localStorage.removeItem(this.key);
    } catch {
      // Storage blocked: the draft lives as long as the page.
    }
  }
}

export const draftKey = (sessionId: string | undefined, stepId: string, field: string) =>
  `oogst:draft:${sessionId ?? '-'}:${stepId}:${field}`;
