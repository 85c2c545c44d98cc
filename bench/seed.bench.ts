import { performance } from 'node:perf_hooks'
import { generateDemoBook } from '../src-main/db/seed/demo-book'
import type { DemoBookOptions } from '../src-main/db/seed/options'
import { round2 } from './measure'

/**
 * Demo-book generation. Baseline: JSON-serialising the same documents, measured in the same
 * run, so "generation costs N× serialisation" holds across machines. Also reports how the
 * benchmark book (2,000 accounts / 200,000 tickets) scales against the demo book (300 / 30,000)
 * and how large each book is as JSON.
 */
function generate(options: DemoBookOptions) {
  const start = performance.now()
  let documents = 0
  for (const batch of generateDemoBook(options)) documents += batch.docs.length
  return { ms: performance.now() - start, documents }
}

function serialise(options: DemoBookOptions) {
  // Generated first (not timed), then serialised batch by batch (timed).
  let ms = 0
  let bytes = 0
  let ticketBytes = 0
  for (const batch of generateDemoBook(options)) {
    const start = performance.now()
    let batchBytes = 0
    for (const doc of batch.docs) batchBytes += JSON.stringify(doc).length
    ms += performance.now() - start
    bytes += batchBytes
    if (batch.collection === 'tickets') ticketBytes += batchBytes
  }
  return { ms, bytes, ticketBytes }
}

export async function run(): Promise<Record<string, unknown>> {
  generate({ accounts: 30, tickets: 3000 }) // warm-up
  const demo = generate({ size: 'demo' })
  const demoJson = serialise({ size: 'demo' })
  console.error(`demo: ${demo.documents} documents in ${Math.round(demo.ms)} ms`)
  const benchmark = generate({ size: 'benchmark' })
  const benchmarkJson = serialise({ size: 'benchmark' })
  console.error(`benchmark: ${benchmark.documents} documents in ${Math.round(benchmark.ms)} ms`)
  return {
    bench: 'seed',
    demoGenerateVsSerialise: round2(demo.ms / demoJson.ms),
    benchmarkGenerateVsSerialise: round2(benchmark.ms / benchmarkJson.ms),
    benchmarkVsDemo: round2(benchmark.ms / demo.ms),
    demoMs: Math.round(demo.ms),
    benchmarkMs: Math.round(benchmark.ms),
    demoDocuments: demo.documents,
    benchmarkDocuments: benchmark.documents,
    demoMegabytes: round2(demoJson.bytes / 1e6),
    benchmarkMegabytes: round2(benchmarkJson.bytes / 1e6),
    benchmarkTicketMegabytes: round2(benchmarkJson.ticketBytes / 1e6),
  }
}
