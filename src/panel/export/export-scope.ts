// What "this connection / its lineage / this page load / this tab / all tabs" means for the
// panel's current state (pure): the scope passed to the export builders.

import type { ExportScope } from '../../export/select';
import type { PanelState } from '../store';

export type PanelExportScope = 'connection' | 'lineage' | 'page' | 'tab' | 'all';

export const PANEL_EXPORT_SCOPES: Record<PanelExportScope, string> = {
  connection: 'Selected connection',
  lineage: 'Selected connection and its reconnects (lineage)',
  page: 'This page load',
  tab: 'This tab (all page loads)',
  all: 'All recorded tabs',
};

export function exportScopeFor(scope: PanelExportScope, tabId: number, state: Pick<PanelState, 'selectedId' | 'connections' | 'pages' | 'analysis'>): ExportScope {
  const selected = state.connections.find((c) => c.id === state.selectedId);
  switch (scope) {
    case 'all':
      return {};
    case 'tab':
      return { tabIds: [tabId] };
    case 'page': {
      // The selected connection's page load, else the latest one.
      const pageId = selected?.pageId ?? [...state.pages].sort((a, b) => b.startedAt - a.startedAt)[0]?.id;
      if (!pageId) throw new Error('Nothing recorded in this tab yet.');
      return { tabIds: [tabId], pageIds: [pageId] };
    }
    case 'connection':
    case 'lineage': {
      if (!selected) throw new Error('Select a connection first.');
      if (scope === 'connection') return { tabIds: [tabId], connectionIds: [selected.id] };
      return { tabIds: [tabId], lineageIds: [state.analysis?.lineages[selected.id]?.lineageId ?? selected.id] };
    }
  }
}

/** "tab3", "tab3-page", "tab3-connection", "all-tabs": the part of the file name that says what is in it. */
export function scopeFileTag(scope: PanelExportScope, tabId: number): string {
  if (scope === 'all') return 'all-tabs';
  return scope === 'tab' ? `tab${tabId}` : `tab${tabId}-${scope}`;
}
