import { z } from 'zod'
import { defineCollection } from './collection'
import {
  documentMetaShape,
  emailSchema,
  idSchema,
  isoDateTimeSchema,
  labelSchema,
  timeZoneSchema,
} from './primitives'

export const contactRoleSchema = z.enum(['champion', 'executive-sponsor', 'billing', 'technical'])

export const contactSchema = z
  .strictObject({
    id: idSchema,
    accountId: idSchema,
    name: labelSchema(120),
    email: emailSchema,
    phone: z.string().max(40).nullable(),
    title: labelSchema(120),
    /** A person can hold several roles (a technical champion, say). */
    roles: z.array(contactRoleSchema).max(4),
    /** Counts against the tier's named-contacts entitlement. */
    namedSupportContact: z.boolean(),
    timeZone: timeZoneSchema.nullable(),
    lastContactedAt: isoDateTimeSchema.nullable(),
    active: z.boolean(),
    createdAt: isoDateTimeSchema,
    ...documentMetaShape,
  })
  .superRefine((contact, ctx) => {
    if (new Set(contact.roles).size !== contact.roles.length) {
      ctx.addIssue({ code: 'custom', path: ['roles'], message: 'roles must not repeat' })
    }
  })

export const contactsCollection = defineCollection({
  name: 'contacts',
  description:
    'People at a customer account and their roles (champion, sponsor, billing, technical).',
  schema: contactSchema,
  version: 0,
  indexes: [['accountId', 'name'], 'email'],
})

export type ContactRole = z.infer<typeof contactRoleSchema>
export type Contact = Readonly<z.infer<typeof contactSchema>>
