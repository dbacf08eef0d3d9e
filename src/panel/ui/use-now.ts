import { useEffect, useState } from 'preact/hooks';

/** The current time, re-read every `everyMs` while `ticking` (open connections' durations grow). */
export function useNow(ticking: boolean, everyMs = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!ticking) return undefined;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [ticking, everyMs]);
  return now;
}
