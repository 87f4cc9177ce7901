/**
 * Items of a step stand in the order their events arrived, everywhere. An item
 * can join its list late (shown again after hiding, or approved after being held
 * for moderation), so it is put in place by its `seq` rather than at the end.
 */
export function insertBySeq<T extends { seq: number }>(list: T[], item: T): void {
  // Nearly always the newest: append without scanning a wall of thousands of notes.
  if (!list.length || list[list.length - 1]!.seq < item.seq) return void list.push(item);
  const at = list.findIndex((x) => x.seq > item.seq);
  list.splice(at < 0 ? list.length : at, 0, item);
}
