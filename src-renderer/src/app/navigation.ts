import type { ComponentType } from 'react'
import { AlertsBadge } from '../features/alerts/AlertsBadge'
import {
  IconBell,
  IconBriefcase,
  IconBuildingStore,
  IconDatabase,
  IconFileDollar,
  IconInfoCircle,
  IconLibrary,
  IconSignature,
  IconPalette,
  IconStack2,
  type Icon,
} from '@tabler/icons-react'

export interface NavigationItem {
  readonly to: string
  readonly label: string
  readonly description: string
  readonly icon: Icon
  /** Shown at the end of the link, e.g. how many alerts wait. */
  readonly badge?: ComponentType
}

export interface NavigationSection {
  readonly label: string
  readonly items: readonly NavigationItem[]
}

/** Sections of the navigation bar; the command palette offers the same destinations. */
export const navigation: readonly NavigationSection[] = [
  {
    label: 'Book',
    items: [
      {
        to: '/accounts',
        label: 'Portfolio',
        description: 'Every account with tier, ARR, health, SLA, renewal and signals; saved views',
        icon: IconBuildingStore,
      },
      {
        to: '/alerts',
        label: 'Alerts',
        description: 'Risk alerts, upgrade reminders and check-ins due: snooze or mark done',
        icon: IconBell,
        badge: AlertsBadge,
      },
      {
        to: '/proposals',
        label: 'Proposals',
        description: 'Tier-upgrade proposals: evidence, value story, pricing, approval, export',
        icon: IconFileDollar,
      },
      {
        to: '/case-studies',
        label: 'Case studies',
        description: 'Anonymised customer stories by segment and tier; value-story templates',
        icon: IconLibrary,
      },
      {
        to: '/tiers',
        label: 'Tiers',
        description: 'Tier catalogue side by side, versions with their changes, support calendars',
        icon: IconStack2,
      },
    ],
  },
  {
    label: 'Settings',
    items: [
      {
        to: '/settings/appearance',
        label: 'Appearance',
        description: 'Colour scheme, density and language',
        icon: IconPalette,
      },
      {
        to: '/settings/proposals',
        label: 'Proposals',
        description: 'Approval threshold for discounts; company name, colours and logo on exports',
        icon: IconSignature,
      },
      {
        to: '/settings/workspaces',
        label: 'Workspaces',
        description: 'Create, switch, rename, delete, back up and restore workspaces',
        icon: IconBriefcase,
      },
      {
        to: '/settings/data',
        label: 'Data',
        description: 'Where this workspace is stored, and its database',
        icon: IconDatabase,
      },
      {
        to: '/settings/about',
        label: 'About',
        description: 'Version and runtime',
        icon: IconInfoCircle,
      },
    ],
  },
]
