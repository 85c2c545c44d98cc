/**
 * The page worker's entry (built as `sync-page-worker.js`, see electron.vite.config.ts): turns
 * a first sync's pull answers into documents-table rows off main's event loop.
 */
import { parentPort } from 'node:worker_threads'
import { rowLayoutOf, type RowLayout } from '../../db/storage/bulk-load'
import { packPage, type PrepareReply, type PrepareRequest } from './page-transfer'
import { preparePullPage } from './prepare-page'

const port = parentPort
if (port === null) throw new Error('the page worker runs only as a worker thread')
const layouts = new Map<string, RowLayout>()

port.on('message', (request: PrepareRequest) => {
  let reply: PrepareReply
  try {
    if (request.schema !== undefined) layouts.set(request.collection, rowLayoutOf(request.schema))
    const layout = layouts.get(request.collection)
    if (layout === undefined) throw new Error(`no layout for ${request.collection}`)
    const page = preparePullPage(request.bytes, layout, request.stamp)
    reply = { id: request.id, ok: true, page: page === undefined ? null : packPage(page) }
  } catch (error) {
    reply = { id: request.id, ok: false, message: String(error) }
  }
  const transfer =
    reply.ok && reply.page ? [reply.page.bytes.buffer, reply.page.byteEnds.buffer] : []
  port.postMessage(reply, transfer as ArrayBuffer[])
})
