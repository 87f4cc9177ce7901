/** Script text as blocks: blank lines separate paragraphs, lines starting with "- " are bullets. Rendered as text, never HTML. */
export type TextBlock = { type: 'p'; text: string } | { type: 'ul'; items: string[] };

export function textBlocks(text: string | undefined): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of (text ?? '').replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    let paragraph: string[] = [];
    let list: string[] | undefined;
    const endParagraph = () => {
      if (paragraph.length) blocks.push({ type: 'p', text: paragraph.join(' ') });
      paragraph = [];
    };
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      const bullet = /^[-*•]\s+(.*)$/.exec(line);
      if (bullet) {
        endParagraph();
        if (!list) blocks.push({ type: 'ul', items: (list = []) });
        list.push(bullet[1]!);
      } else if (list && /^\s{2,}/.test(raw)) {
        list[list.length - 1] += ` ${line}`;
      } else {
        list = undefined;
        paragraph.push(line);
      }
    }
    endParagraph();
  }
  return blocks;
}
