/**
 * Child process of crash.test.ts: writes batches through the storage until it is killed, and
 * prints a batch's ids only after bulkWrite() resolved — the moment RxDB would tell the app
 * the write succeeded. Usage: crash-writer <file> <generation>
 */
import { writeSync } from 'node:fs'
import { now } from 'rxdb'
import type { RxDocumentData } from 'rxdb'
import type { CrashRow } from './crash-schema'
import { COUNTER_ID, crashRowSchema } from './crash-schema'
import { getRxStorageSqlite } from './rx-storage-sqlite'

const [file, generation] = process.argv.slice(2)
if (file === undefined || generation === undefined) {
  process.stderr.write('usage: crash-writer <file> <generation>\n')
  process.exit(2)
}

const storage = getRxStorageSqlite({ fileFor: () => file })
const instance = await storage.createStorageInstance<CrashRow>({
  databaseInstanceToken: `crash-${generation}`,
  databaseName: 'crash',
  collectionName: 'rows',
  schema: crashRowSchema,
  options: {},
  multiInstance: false,
  devMode: false,
})

/**
 * Straight to the pipe, synchronously: process.stdout.write() to a pipe is asynchronous and
 * this loop never yields to the event loop, so its output would lag far behind the commits.
 */
const say = (line: string) => writeSync(1, `${line}\n`)

let [counter] = await instance.findDocumentsById([COUNTER_ID], true)
say('ready')

for (let batch = 0; ; batch++) {
  const size = 1 + Math.floor(Math.random() * 40)
  const documents: RxDocumentData<CrashRow>[] = Array.from({ length: size }, (_, i) => ({
    id: `${generation}-${batch}-${i}`,
    batch,
    payload: 'x'.repeat(Math.floor(Math.random() * 400)),
    _deleted: false,
    _attachments: {},
    _rev: '1-crash',
    _meta: { lwt: now() },
  }))
  const value = (counter?.counter ?? 0) + 1
  const nextCounter: RxDocumentData<CrashRow> = {
    id: COUNTER_ID,
    batch,
    payload: '',
    counter: value,
    _deleted: false,
    _attachments: {},
    _rev: `${value}-crash`,
    _meta: { lwt: now() },
  }
  const result = await instance.bulkWrite(
    [...documents.map((document) => ({ document })), { previous: counter, document: nextCounter }],
    'crash-test',
  )
  if (result.error.length > 0) {
    process.stderr.write(`unexpected write errors: ${JSON.stringify(result.error[0])}\n`)
    process.exit(3)
  }
  counter = nextCounter
  // Acknowledged: only now may the parent count on these documents being there.
  say(`ack ${value} ${documents.map((d) => d.id).join(' ')}`)
}
