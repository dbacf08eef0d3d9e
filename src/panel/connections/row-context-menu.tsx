import { useEffect, useRef } from 'preact/hooks';
import { copyToClipboard } from '../ui/copy-to-clipboard';

export interface MenuAt {
  x: number;
  y: number;
  url: string;
}

/**
 * DevTools' right-click menu on a row (also Shift+F10 / the context-menu key on a focused row):
 * copy the URL. Closes on Escape, on a click elsewhere, or after the action.
 */
export function RowContextMenu({ at, onClose }: { at: MenuAt; onClose: () => void }) {
  const menu = useRef<HTMLUListElement>(null);
  useEffect(() => {
    menu.current?.querySelector('button')?.focus();
    const outside = (e: Event) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    const doc = menu.current?.ownerDocument;
    doc?.addEventListener('pointerdown', outside, true);
    return () => doc?.removeEventListener('pointerdown', outside, true);
  }, [onClose]);
  return (
    <ul
      ref={menu}
      class="context-menu"
      role="menu"
      aria-label="Connection"
      style={{ left: `${at.x}px`, top: `${at.y}px` }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <li role="none">
        <button
          type="button"
          role="menuitem"
          data-testid="copy-url-menu"
          onClick={() => {
            void copyToClipboard(at.url);
            onClose();
          }}
        >
          Copy URL
        </button>
      </li>
    </ul>
  );
}
