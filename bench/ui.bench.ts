/**
 * `npm run bench -- ui`: the portfolio on the 2,000-account book, in Chromium and in main. The
 * work is in test/e2e/harness/ui-bench.ts, beside the harness it drives (it is type-checked
 * with the page's DOM types there); the module is named at run time so this project does not
 * pull the browser-side code into its Node-only type check.
 */
const harness = '../test/e2e/harness/ui-bench.ts'

export async function run(): Promise<Record<string, unknown>> {
  const module = (await import(harness)) as {
    measurePortfolioUi: () => Promise<Record<string, unknown>>
  }
  return module.measurePortfolioUi()
}
