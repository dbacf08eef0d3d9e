/**
 * storage.local key whose value changes whenever the background writes a notice ({ id, t }):
 * open panels follow storage.onChanged and re-read the `notices` store at once.
 */
export const NOTICES_SIGNAL_KEY = 'ri:notices';
