import type { Faker } from '@faker-js/faker'
import type { User } from '@shared/model/user'
import { hash32, type Rng } from '../prng'

/** The CS organisation that owns the book: an admin, managers, CSMs and TAMs. */

export const VENDOR_DOMAIN = 'corvid-analytics.com'

export interface UserRefs {
  readonly all: readonly User[]
  readonly admin: User
  readonly managers: readonly User[]
  readonly csms: readonly User[]
  readonly tams: readonly User[]
}

const zones = [
  'America/New_York',
  'America/Chicago',
  'Europe/Berlin',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Tokyo',
]

const titles: Readonly<Record<User['role'], readonly string[]>> = {
  admin: ['VP Customer Success'],
  manager: ['Director, Customer Success', 'Head of Technical Account Management'],
  csm: ['Customer Success Manager', 'Senior Customer Success Manager', 'Strategic CSM'],
  tam: ['Technical Account Manager', 'Senior Technical Account Manager'],
}

export function userCounts(accounts: number): { managers: number; csms: number; tams: number } {
  return {
    managers: Math.max(2, Math.ceil(accounts / 300)),
    csms: Math.max(2, Math.ceil(accounts / 30)),
    // Roughly 45% of accounts are Premium or Enterprise, about 12 per TAM.
    tams: Math.max(1, Math.ceil((accounts * 0.45) / 12)),
  }
}

export function buildUsers(
  faker: Faker,
  rng: Rng,
  seed: number,
  accounts: number,
  createdMs: number,
): UserRefs {
  const counts = userCounts(accounts)
  const emails = new Set<string>()
  const all: User[] = []
  const make = (role: User['role'], index: number, managerId: string | null): User => {
    faker.seed(hash32(seed, 'user', role, index))
    const first = faker.person.firstName()
    const last = faker.person.lastName()
    const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '')
    let email = `${local}@${VENDOR_DOMAIN}`
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${VENDOR_DOMAIN}`
    emails.add(email)
    const at = createdMs + all.length * 3_600_000
    const createdAt = new Date(at).toISOString()
    const user: User = {
      id: rng.id(at),
      name: `${first} ${last}`,
      email,
      role,
      title: rng.pick(titles[role]),
      managerId,
      timeZone: role === 'admin' ? 'America/New_York' : rng.pick(zones),
      active: true,
      createdAt,
      updatedAt: createdAt,
      updatedBy: 'system:demo',
    }
    all.push(user)
    return user
  }
  const admin = make('admin', 0, null)
  const managers = Array.from({ length: counts.managers }, (_, i) => make('manager', i, admin.id))
  const managerOf = (i: number) => managers[i % managers.length]?.id ?? admin.id
  const csms = Array.from({ length: counts.csms }, (_, i) => make('csm', i, managerOf(i)))
  const tams = Array.from({ length: counts.tams }, (_, i) => make('tam', i, managerOf(i + 1)))
  return { all, admin, managers, csms, tams }
}

/** Names of the support engineers who answer tickets (helpdesk agents, not Tierline users). */
export function buildAgents(faker: Faker, seed: number, count: number): string[] {
  faker.seed(hash32(seed, 'agents'))
  return Array.from(
    { length: count },
    () => `${faker.person.firstName()} ${faker.person.lastName()}`,
  )
}
