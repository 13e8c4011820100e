export type ParamValue = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface Column {
  name: string;
  type: string;
}

export interface QueryRequest {
  /** The report's SQL, in the connection's native placeholder syntax; values are bound, never spliced. */
  sql: string;
  params: Record<string, ParamValue>;
  timeoutMs: number;
  /** More rows than this fails the query instead of silently truncating it. */
  maxRows: number;
  /** The declared parameter names in order, for drivers with positional placeholders (PostgreSQL `$1..$n`). */
  parameterOrder?: readonly string[];
  /** Aborted when the run is cancelled: the adapter stops the query on the server and rejects. */
  signal?: AbortSignal;
}

export interface QueryResult {
  columns: Column[];
  /** Rows in batches, streamed from the driver. */
  batches: AsyncIterable<Row[]>;
}

/** One connection of one tenant (connect, parameterised query with timeout and row limit, disconnect). */
export interface DataSource {
  query(request: QueryRequest): Promise<QueryResult>;
}

export interface DataSourceResolver {
  resolve(tenantId: string, connectionId: string): Promise<DataSource>;
}
