import { TierlineError } from '@shared/ipc/errors'
import { collectionNames } from '@shared/model/registry'
import { generateDemoBook } from './seed/demo-book'
import { insertDocuments } from './write-documents'
import type { DemoBookOptions } from './seed/options'
import type { TierlineDatabase } from './workspace-store'

/**
 * Streams the generated demo book into a workspace database batch by batch, so even the
 * benchmark-sized book never sits in memory whole. Progress counts finished collections.
 */
export async function loadDemoBook(
  rx: TierlineDatabase,
  options: DemoBookOptions,
  progress: (done: number, total: number, message: string) => void = () => undefined,
): Promise<{ readonly documents: number }> {
  const total = collectionNames.length
  let documents = 0
  let current: string | undefined
  for (const batch of generateDemoBook(options)) {
    if (batch.collection !== current) {
      current = batch.collection
      progress(collectionNames.indexOf(batch.collection), total, `Writing ${batch.collection}`)
    }
    const report = await insertDocuments(rx, batch.collection, batch.docs)
    const [first] = report.failures
    if (first !== undefined) {
      throw new TierlineError(
        'storage',
        `The demo book could not be written: ${report.failures.length} ${batch.collection} refused (row ${first.index}: ${first.error.message}).`,
      )
    }
    documents += batch.docs.length
  }
  progress(total, total, `Loaded ${documents.toLocaleString('en-US')} records`)
  return { documents }
}
