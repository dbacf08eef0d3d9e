// A collapsible JSON tree. Lazy: a node's children are built only when it is expanded, and a
// node with thousands of children shows them a page at a time, so a 1 MB payload opens at once.
// Keys and values are text nodes (payloads are never markup).

import { useState } from 'preact/hooks';

const PAGE = 100;

/** `openDepth`: levels open at first (the decoded view opens its message as well as the root). */
export function JsonTree({ value, openDepth = 1, label = 'JSON payload' }: { value: unknown; openDepth?: number; label?: string }) {
  return (
    <ul class="json-tree mono" role="tree" aria-label={label} data-testid="json-tree">
      <JsonNode name={null} value={value} depth={0} openDepth={openDepth} />
    </ul>
  );
}

function JsonNode({ name, value, depth, openDepth }: { name: string | null; value: unknown; depth: number; openDepth: number }) {
  const container = value !== null && typeof value === 'object';
  // The root and its direct children start open: most messages are read at one glance.
  const [open, setOpen] = useState(depth < openDepth);
  const [shown, setShown] = useState(PAGE);
  const label = name === null ? null : <span class="json-key">{name}: </span>;
  if (!container) {
    return (
      <li role="treeitem" class="json-leaf" data-testid="json-node" data-key={name ?? ''}>
        {label}
        <span class={`json-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>
      </li>
    );
  }
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value as object);
  const summary = Array.isArray(value) ? `Array(${entries.length})` : `{${entries.length === 0 ? '' : '…'}} ${entries.length} key${entries.length === 1 ? '' : 's'}`;
  return (
    <li role="treeitem" aria-expanded={open ? 'true' : 'false'} data-testid="json-node" data-key={name ?? ''}>
      <button type="button" class="json-toggle" aria-label={`${open ? 'Collapse' : 'Expand'} ${name ?? 'root'}`} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      {label}
      <span class="json-summary">{summary}</span>
      {open && (
        <ul role="group">
          {entries.slice(0, shown).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} openDepth={openDepth} />
          ))}
          {entries.length > shown && (
            <li role="none">
              <button type="button" class="link-button" onClick={() => setShown(shown + PAGE * 10)}>
                Show more ({(entries.length - shown).toLocaleString('en-US')} left)
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}
