/** Rows above the header that may hold a title, a date, an empty line (regional exports). */
export const HEADER_SEARCH_ROWS = 10;

/** What a reader learned about the file beyond its records (told to the uploader in the receipt). */
export interface ReadInfo {
  delimiter?: string;
  /** Columns that map to no vacancy field. */
  ignoredColumns?: string[];
  /** A header row was found (CSV, XLSX): with no records after it the file is header-only. */
  headerSeen?: boolean;
  sheet?: string;
  /** Field path (column form, see `fieldKey`) → the clerk's own column header or element name. */
  labels?: Map<string, string>;
}

/**
 * Another table than vacancies read with the same readers (e.g. a municipality's proposal of
 * places): how headers map to fields, and why a header row is refused (undefined: accepted).
 */
export interface HeaderSpec {
  mapper: (headers: readonly string[]) => {
    known: string[];
    ignored: string[];
    toRecord: (cells: readonly unknown[]) => Record<string, unknown>;
  };
  refuse: (known: readonly string[], headers: readonly string[]) => string | undefined;
}
