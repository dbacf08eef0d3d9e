// Why a file cannot be imported, in words the viewer shows as they are.

export type ImportErrorKind = 'not-ours' | 'newer-version' | 'invalid-json' | 'truncated' | 'invalid';

export class ImportError extends Error {
  override name = 'ImportError';
  constructor(
    readonly kind: ImportErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export const notOurs = (what: string) => new ImportError('not-ours', `Not a Realtime Inspector file: ${what}.`);
export const newerVersion = (what: string, found: number, supported: number) =>
  new ImportError('newer-version', `This ${what} was made by a newer major version (${found}); this Realtime Inspector reads version ${supported} and older.`);
