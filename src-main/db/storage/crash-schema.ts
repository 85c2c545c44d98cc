import { fillWithDefaultSettings } from 'rxdb'

/** The collection crash-writer.ts fills and crash.test.ts checks after every kill. */
export interface CrashRow {
  id: string
  batch: number
  payload: string
  /** Only on the `counter` document, raised by one in every batch. */
  counter?: number
}

export const COUNTER_ID = 'counter'

export const crashRowSchema = fillWithDefaultSettings<CrashRow>({
  version: 0,
  type: 'object',
  primaryKey: 'id',
  properties: {
    id: { type: 'string', maxLength: 40 },
    batch: { type: 'integer', minimum: 0, maximum: 1_000_000_000, multipleOf: 1 },
    payload: { type: 'string' },
    counter: { type: 'integer' },
  },
  required: ['id', 'batch', 'payload'],
  indexes: ['batch'],
})
