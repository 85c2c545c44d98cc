import { readdir } from 'node:fs/promises'

/**
 * `npm run bench -- <name>` runs bench/<name>.bench.ts. Progress goes to stderr; the last line
 * on stdout is one JSON object with the ratios, for CI logs and closing notes.
 */
const name = process.argv[2]
const available = (await readdir(import.meta.dirname))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))

if (name === undefined || !available.includes(name)) {
  console.error(`Usage: npm run bench -- <name>   (available: ${available.join(', ')})`)
  process.exit(2)
}

const module = (await import(`./${name}.bench.ts`)) as {
  run: () => Promise<Record<string, unknown>>
}
console.error(`Running benchmark "${name}"…`)
console.log(JSON.stringify(await module.run()))
