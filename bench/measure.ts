import { performance } from 'node:perf_hooks'

/**
 * Median time per operation over several rounds, after a warm-up. Benchmarks compare such
 * figures as ratios against a baseline measured in the same process, never against a clock.
 */
export async function timePerOperation(
  operation: () => unknown,
  options: { readonly operations: number; readonly rounds?: number; readonly warmup?: number },
): Promise<number> {
  const rounds = options.rounds ?? 7
  for (let i = 0; i < (options.warmup ?? options.operations); i++) await operation()
  const samples: number[] = []
  for (let round = 0; round < rounds; round++) {
    const start = performance.now()
    for (let i = 0; i < options.operations; i++) await operation()
    samples.push((performance.now() - start) / options.operations)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN
}

export const round2 = (value: number): number => Math.round(value * 100) / 100
