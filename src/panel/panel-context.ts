// How components reach the panel: the controller (state, selection, view actions, filters) and
// the export action, through one preact context instead of long prop lists. main.tsx provides
// it; tests render components inside a provider with a controller over a fake port.

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PanelController } from './controller';
import type { ExportChoice } from './export/export-session';
import type { FaultRequest, FaultResponse } from '../contracts/protocol';

export interface PanelContextValue {
  controller: PanelController;
  /** Exports the chosen scope and format (the Export menu's choice; its default without one). */
  onExport: (choice?: ExportChoice) => Promise<unknown>;
  /** Applies a fault on purpose (docs/faults.md); absent where faults are not offered (the viewer, tests). */
  applyFault?: (req: FaultRequest) => Promise<FaultResponse>;
}

export const PanelContext = createContext<PanelContextValue | null>(null);

export function usePanel(): PanelContextValue {
  const value = useContext(PanelContext);
  if (!value) throw new Error('usePanel() outside <PanelContext.Provider>');
  return value;
}
