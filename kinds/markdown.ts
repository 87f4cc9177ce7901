/** Participant text inside Markdown: one line, and no character that would turn into markup. */
export function mdInline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
}
