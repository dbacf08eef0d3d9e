// Copies text from a DevTools panel. The async Clipboard API is often refused inside the DevTools
// frame (no focus / permissions policy), so fall back to a selected textarea and execCommand,
// which still works for user-initiated copies there.

export async function copyToClipboard(text: string, doc: Document = document): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = doc.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    doc.body.append(area);
    area.select();
    try {
      return doc.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}
