/**
 * `npm run server`: the sync server's CLI with the demo book wired in. This composition root
 * lives outside src-server because the book generator is in src-main/db/seed and src-server may
 * import only src-shared (eslint.config.js); the server itself takes batches, not the generator.
 */
import { generateDemoBook } from '../src-main/db/seed/demo-book'
import { runCli } from '../src-server/cli'

runCli(process.argv.slice(2), { demoBook: (options) => generateDemoBook(options) }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  },
)
