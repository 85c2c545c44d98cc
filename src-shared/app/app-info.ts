export type DatabaseStatus =
  | {
      readonly state: 'ready'
      readonly file: string
      readonly sizeBytes: number
      readonly journalMode: string
      readonly sqliteVersion: string
      readonly schemaVersion: number
    }
  | { readonly state: 'error'; readonly file: string; readonly message: string }

export interface WorkspaceSummary {
  readonly id: string
  readonly name: string
  readonly folder: string
}

export interface AppInfo {
  readonly name: string
  readonly version: string
  readonly platform: string
  readonly arch: string
  /** Runtime versions; `electron` and `chrome` are absent when the services run in plain Node. */
  readonly runtime: Readonly<{ node: string; electron?: string; chrome?: string }>
  /** Root of everything Tierline stores on this machine. */
  readonly dataRoot: string
  readonly workspace: WorkspaceSummary
  readonly database: DatabaseStatus
}
