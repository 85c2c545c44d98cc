import type { IpcError } from '@shared/ipc/errors'
import type { BookRun, BookRunResults } from '../book-runs'

/** What the engine worker is started with (`workerData`). */
export interface EngineWorkerData {
  /** better-sqlite3's `nativeBinding`: the Electron-ABI addon, as main loads it. */
  readonly nativeBinding?: string | undefined
}

/** Main → worker: compute `run` on the workspace in `file`. */
export interface RunRequest {
  readonly id: number
  readonly file: string
  /** Names one opening of the workspace's database: a new one means the file may be another. */
  readonly instance: number
  readonly run: BookRun
}

/** Worker → main; an error keeps a TierlineError's code and details. */
export type RunReply =
  | { readonly id: number; readonly ok: true; readonly value: BookRunResults[BookRun['kind']] }
  | {
      readonly id: number
      readonly ok: false
      /** `typed`: a TierlineError's code, message and details; null for any other failure. */
      readonly error: { readonly typed: IpcError | null; readonly message: string }
    }
