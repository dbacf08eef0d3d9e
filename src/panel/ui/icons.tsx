// Small toolbar icons in DevTools' style (16 px, currentColor). Decorative: the buttons that
// hold them carry the accessible name (aria-label) and a tooltip (title).

const svg = (children: preact.ComponentChildren) => (
  <svg class="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    {children}
  </svg>
);

export const PauseIcon = () => svg(<path d="M4 3h3v10H4zM9 3h3v10H9z" fill="currentColor" />);
export const ResumeIcon = () => svg(<path d="M4 2.5v11l9-5.5z" fill="currentColor" />);
/** DevTools' "Clear" glyph: a circle with a slash. */
export const ClearIcon = () =>
  svg(
    <>
      <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" stroke-width="1.5" />
      <path d="M4.2 11.8l7.6-7.6" stroke="currentColor" stroke-width="1.5" />
    </>,
  );
export const GearIcon = () =>
  svg(
    <>
      <circle cx="8" cy="8" r="2.2" fill="none" stroke="currentColor" stroke-width="1.4" />
      <path
        d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4"
        stroke="currentColor"
        stroke-width="1.4"
        stroke-linecap="round"
      />
    </>,
  );
export const CopyIcon = () =>
  svg(
    <>
      <rect x="5" y="5" width="8" height="9" rx="1" fill="none" stroke="currentColor" stroke-width="1.3" />
      <path d="M3 11V3a1 1 0 0 1 1-1h6" fill="none" stroke="currentColor" stroke-width="1.3" />
    </>,
  );
