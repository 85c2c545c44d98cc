import { rm } from 'node:fs/promises'
import { createDemoTemplate, TEMPLATE_ENV } from './demo-template'

export default async function globalSetup(): Promise<() => Promise<void>> {
  const template = await createDemoTemplate()
  process.env[TEMPLATE_ENV] = template
  return () => rm(template, { recursive: true, force: true })
}
