// JSON.parse with an error that says where: "truncated JSON" when the text ends inside the
// document (a cut download), else "invalid JSON at line L, column C". Browsers word their
// SyntaxErrors differently; both forms (V8 "position N", Firefox "line L column C") are read.

import { ImportError } from './import-error';

export function parseJsonText(text: string, what = 'file'): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where = errorPosition(text, message) ?? located(text, jsonErrorOffset(text));
    if (where === null ? /end of (JSON )?(input|data)/i.test(message) : where.offset >= text.trimEnd().length) {
      throw new ImportError('truncated', `Truncated JSON: the ${what} ends (after ${text.length} characters) before the document is complete.`);
    }
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    throw new ImportError('invalid-json', `Invalid JSON${at} in the ${what}: ${message}`);
  }
}

function errorPosition(text: string, message: string): { offset: number; line: number; column: number } | null {
  const pos = /position (\d+)/.exec(message);
  if (pos) {
    const offset = Number(pos[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { offset, line, column: offset - before.lastIndexOf('\n') };
  }
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) {
    const line = Number(lc[1]);
    const column = Number(lc[2]);
    let offset = 0;
    for (let l = 1; l < line; l++) offset = text.indexOf('\n', offset) + 1;
    return { offset: offset + column - 1, line, column };
  }
  return null;
}

function located(text: string, offset: number): { offset: number; line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where JSON text stops being valid (its length when it ends too early). Only called after
 * JSON.parse failed without saying where (V8's newer messages quote the text instead).
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = () => {
    throw i;
  };
  const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const string = () => {
    i++;
    while (i < n && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= n) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    NUM.lastIndex = i;
    const m = NUM.exec(text);
    if (m) return void (i += m[0].length);
    for (const lit of ['true', 'false', 'null']) if (text.startsWith(lit, i)) return void (i += lit.length);
    fail();
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    return Math.min(at as number, n);
  }
}
