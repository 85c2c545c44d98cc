import { hashDemoBook } from './canonical'

/**
 * Prints the sha256 of a demo book: `tsx --tsconfig tsconfig.node.json
 * src-main/db/seed/print-hash.ts [seed] [accounts] [tickets]`. The determinism test runs it in a
 * child process to show the output does not depend on the state of the process that made it.
 */
const [seed, accounts, tickets] = process.argv.slice(2).map(Number)
process.stdout.write(
  `${hashDemoBook({
    ...(seed === undefined ? {} : { seed }),
    ...(accounts === undefined ? {} : { accounts }),
    ...(tickets === undefined ? {} : { tickets }),
  })}\n`,
)
