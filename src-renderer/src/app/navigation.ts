import {
  IconBriefcase,
  IconBuildingStore,
  IconDatabase,
  IconInfoCircle,
  IconPalette,
  IconStack2,
  type Icon,
} from '@tabler/icons-react'

export interface NavigationItem {
  readonly to: string
  readonly label: string
  readonly description: string
  readonly icon: Icon
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
        label: 'Accounts',
        description: 'Every account with tier, ARR, health and renewal',
        icon: IconBuildingStore,
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
