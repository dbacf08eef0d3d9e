// Short, sortable, unique ids for pages and connections. Time-based so that ids made by a
// restarted service worker never collide with earlier ones; the random tail covers two workers
// (or a restart) in the same millisecond.
let counter = 0;

export function newId(prefix: string, now: number = Date.now()): string {
  counter = (counter + 1) % 1296;
  const rand = Math.floor(Math.random() * 1296);
  return prefix + now.toString(36) + counter.toString(36).padStart(2, '0') + rand.toString(36).padStart(2, '0');
}
