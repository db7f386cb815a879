/** Why the store refused a database file. The file is left exactly as it was. */
export type StoreRefusal = 'not_sqlite' | 'foreign_database' | 'from_future' | 'diverged' | 'corrupt';

const explanations: Record<StoreRefusal, string> = {
  not_sqlite: 'the file is not an SQLite database',
  foreign_database: 'the file is an SQLite database of another application',
  from_future: 'the database was written by a newer version of the station; update the station',
  diverged: 'the database was migrated by a different build (applied migrations are not a prefix of the shipped list)',
  corrupt: 'the database file is damaged',
};

/** Raised when the database file must not be opened; callers show it and stop. */
export class StoreOpenError extends Error {
  constructor(
    readonly refusal: StoreRefusal,
    readonly path: string,
    readonly detail?: string,
  ) {
    super(
      `Refusing to open ${path}: ${explanations[refusal]}${detail ? ` (${detail})` : ''}. The file was not modified.`,
    );
    this.name = 'StoreOpenError';
  }
}
