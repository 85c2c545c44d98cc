import type { SpotlightActionData } from '@mantine/spotlight'
import { useDebouncedValue } from '@mantine/hooks'
import { IconBuilding } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useInvokeKeepingPrevious } from './ipc-hooks'

const MAX_ACCOUNTS = 8

/**
 * Accounts whose name contains what is typed in the command palette, as "jump to" actions.
 * Main does the matching (accent- and case-insensitive, through the stored search key); the
 * typed text is each action's keyword, so the palette's own filter keeps what main found.
 */
export function useAccountActions(query: string): SpotlightActionData[] {
  const navigate = useNavigate()
  const [search] = useDebouncedValue(query.trim(), 150)
  const found = useInvokeKeepingPrevious('accounts.list', {
    search,
    sort: { field: 'arr', direction: 'desc' },
    limit: MAX_ACCOUNTS,
  })
  if (query.trim() === '' || found.data === undefined) return []
  return found.data.rows.map((row) => ({
    id: `account:${row.id}`,
    group: 'Accounts',
    label: row.name,
    description: `${row.tierName} · ${row.ownerName}`,
    keywords: [query],
    leftSection: <IconBuilding size={18} stroke={1.5} />,
    onClick: () => void navigate({ to: '/accounts/$accountId', params: { accountId: row.id } }),
  }))
}
