import { z } from 'zod'
import { defineCollection } from './collection'
import { userRoleSchema } from './enums'
import {
  documentMetaShape,
  emailSchema,
  idSchema,
  isoDateTimeSchema,
  labelSchema,
  timeZoneSchema,
} from './primitives'

/** People who use Tierline; roles match the sync server's access rules (DESIGN.md §2). */
export const userSchema = z.strictObject({
  id: idSchema,
  name: labelSchema(120),
  email: emailSchema,
  role: userRoleSchema,
  title: labelSchema(120),
  /** The manager whose team this user is on; managers see their team's accounts. */
  managerId: idSchema.nullable(),
  timeZone: timeZoneSchema,
  active: z.boolean(),
  createdAt: isoDateTimeSchema,
  ...documentMetaShape,
})

export const usersCollection = defineCollection({
  name: 'users',
  description: 'Tierline users: admins, CS managers, CSMs and TAMs.',
  schema: userSchema,
  version: 0,
  indexes: ['email', ['role', 'name']],
})

export type User = Readonly<z.infer<typeof userSchema>>
