// The message list's filter bar: text or /regex/, direction, kind, SSE event name, protocol
// message type and name (when the connection's protocol is known), hide heartbeats.
import type { Ref } from 'preact';
import { protocolSpec } from '../../protocols/registry';
import type { DirectionFilter, FilterSpec, KindFilter } from './message-filter';

interface Props {
  spec: FilterSpec;
  /** Applied on top of the current spec (two changes before a render must both count). */
  onChange: (change: Partial<FilterSpec>) => void;
  /** Why the /regex/ does not parse (shown inline; the list stays unfiltered by text meanwhile). */
  error: string | null;
  isSse: boolean;
  /** SSE event names to suggest (the types the page listens to). */
  eventNames: readonly string[];
  matches: number;
  total: number;
  /** The scan has not reached the end yet (the count still grows). */
  scanning: boolean;
  hiddenHeartbeats: number;
  filtering: boolean;
  /** The protocol the connection is decoded as ('' = unknown: no type/name filters). */
  protocol?: string;
  inputRef: Ref<HTMLInputElement>;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function FilterBar({ spec, onChange, error, isSse, eventNames, matches, total, scanning, hiddenHeartbeats, filtering, protocol = '', inputRef }: Props) {
  const set = onChange;
  return (
    <div class="filter-bar" role="search" aria-label="Filter messages">
      <input
        ref={inputRef}
        type="search"
        class={`filter-input mono${error ? ' invalid' : ''}`}
        data-testid="filter-input"
        aria-label="Filter messages: text, or /regular expression/flags (Ctrl+F)"
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? 'filter-error' : undefined}
        placeholder="Filter (text or /regex/i)"
        value={spec.text}
        spellcheck={false}
        onInput={(e) => set({ text: e.currentTarget.value })}
      />
      <select data-testid="direction-filter" aria-label="Direction" value={spec.direction} onChange={(e) => set({ direction: e.currentTarget.value as DirectionFilter })}>
        <option value="all">All</option>
        <option value="out">↑ Sent</option>
        <option value="in">↓ Received</option>
      </select>
      <select data-testid="kind-filter" aria-label="Kind of event" value={spec.kind} onChange={(e) => set({ kind: e.currentTarget.value as KindFilter })}>
        <option value="all">All events</option>
        <option value="messages">Messages</option>
        <option value="lifecycle">Open / error / close</option>
      </select>
      {isSse && (
        <>
          <input
            type="text"
            class="event-name-filter"
            data-testid="event-name-filter"
            aria-label="SSE event name"
            placeholder="event name"
            list="ri-event-names"
            value={spec.eventName}
            onInput={(e) => set({ eventName: e.currentTarget.value.trim() })}
          />
          <datalist id="ri-event-names">
            {['message', ...eventNames].map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </>
      )}
      {(protocol !== '' || spec.messageType !== '' || spec.messageName !== '') && (
        <>
          <span class="protocol-badge" data-testid="protocol" data-protocol={protocol} title="Protocol the messages are decoded as (raw payloads unchanged)">
            {protocolSpec(protocol)?.label ?? 'raw'}
          </span>
          <input
            type="text"
            class="message-type-filter"
            data-testid="message-type-filter"
            aria-label="Protocol message type"
            placeholder="type"
            value={spec.messageType}
            onInput={(e) => set({ messageType: e.currentTarget.value.trim() })}
          />
          <input
            type="text"
            class="message-name-filter"
            data-testid="message-name-filter"
            aria-label="Event, topic, operation or destination name"
            placeholder="name"
            value={spec.messageName}
            onInput={(e) => set({ messageName: e.currentTarget.value.trim() })}
          />
        </>
      )}
      <label class="check">
        <input type="checkbox" data-testid="hide-heartbeats" checked={spec.hideHeartbeats} onChange={(e) => set({ hideHeartbeats: e.currentTarget.checked })} />
        Hide heartbeats
      </label>
      <span class="match-count" data-testid="match-count" data-matches={matches} data-total={total} data-done={scanning ? 'false' : 'true'} aria-live="polite">
        {filtering ? `${fmt(matches)} of ${fmt(total)}${scanning ? ' (searching…)' : ''}` : `${fmt(total)} events`}
      </span>
      {spec.hideHeartbeats && (
        <span class="heartbeats-hidden" data-testid="heartbeats-hidden" data-count={hiddenHeartbeats}>
          {fmt(hiddenHeartbeats)} heartbeat{hiddenHeartbeats === 1 ? '' : 's'} hidden
        </span>
      )}
      {error && (
        <span id="filter-error" class="filter-error" role="alert" data-testid="filter-error">
          Invalid regular expression: {error}
        </span>
      )}
    </div>
  );
}
