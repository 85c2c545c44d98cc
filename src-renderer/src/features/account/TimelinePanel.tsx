import { Divider, Pagination, Select, Stack, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { TimelineKind } from '@shared/activities/activity-inputs'
import type { ActivityEntry } from '@shared/activities/timeline'
import { useInvokeKeepingPrevious, useMutate } from '../../app/ipc-hooks'
import { showUndoNotification } from '../../components/undo-notification'
import { SectionState } from '../settings/SectionState'
import classes from './account.module.css'
import { ActivityComposer } from './ActivityComposer'
import { Panel } from './Panel'
import { TimelineItem } from './TimelineItem'

const PER_PAGE = 15
const filters: { value: string; label: string; kinds: TimelineKind[] }[] = [
  { value: 'all', label: 'Everything', kinds: [] },
  { value: 'note', label: 'Notes', kinds: ['note'] },
  { value: 'call', label: 'Calls', kinds: ['call'] },
  { value: 'check-in', label: 'Check-ins', kinds: ['check-in'] },
  { value: 'qbr', label: 'QBRs', kinds: ['qbr'] },
  { value: 'ticket', label: 'Ticket milestones', kinds: ['ticket'] },
  { value: 'tier', label: 'Tier changes', kinds: ['tier'] },
]

/** Deleting offers Undo for a while; Undo writes the deleted document back. */
function useDeleteWithUndo() {
  const remove = useMutate('activities.delete')
  const restore = useMutate('activities.restore')
  return (entry: ActivityEntry) => {
    const { id, title, kind } = entry.activity
    const what = kind === 'check-in' ? 'Check-in' : 'Note'
    remove.mutate(
      { id },
      {
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: `${what} not deleted`,
            message: error.message,
          }),
        onSuccess: () =>
          showUndoNotification({
            id: `undo-delete-${id}`,
            title: `${what} deleted`,
            subject: title,
            onUndo: () =>
              restore.mutate(
                { id },
                {
                  onSuccess: () =>
                    notifications.show({ color: 'teal', message: `${what} restored.` }),
                  onError: (error) =>
                    notifications.show({
                      color: 'red',
                      title: `${what} not restored`,
                      message: error.message,
                    }),
                },
              ),
          }),
      },
    )
  }
}

/** Notes, calls, check-ins, QBRs, ticket milestones and tier changes, newest first. */
export function TimelinePanel({ accountId }: { readonly accountId: string }) {
  const [filter, setFilter] = useState('all')
  const [page, setPage] = useState(1)
  const kinds = filters.find((f) => f.value === filter)?.kinds ?? []
  const timeline = useInvokeKeepingPrevious('activities.timeline', {
    accountId,
    kinds,
    offset: (page - 1) * PER_PAGE,
    limit: PER_PAGE,
  })
  const deleteWithUndo = useDeleteWithUndo()
  // Deleting the last entry of the last page leaves that page empty: step back to the new last.
  const total = timeline.data?.total ?? 0
  const lastPage = Math.max(1, Math.ceil(total / PER_PAGE))
  // (Adjusting state while rendering, as React recommends over an effect for derived resets.)
  if (timeline.data !== undefined && !timeline.isPlaceholderData && page > lastPage) {
    setPage(lastPage)
  }
  return (
    <Panel
      title="Timeline"
      testId="timeline-panel"
      actions={
        <Select
          aria-label="Show in timeline"
          data={filters.map(({ value, label }) => ({ value, label }))}
          value={filter}
          onChange={(value) => {
            setFilter(value ?? 'all')
            setPage(1)
          }}
          allowDeselect={false}
          w={200}
        />
      }
    >
      <Stack gap="md">
        <ActivityComposer accountId={accountId} />
        <Divider />
        <SectionState query={timeline}>
          {(result) =>
            result.total === 0 ? (
              <Text c="dimmed">
                {filter === 'all'
                  ? 'Nothing has happened with this account yet. Add the first note above.'
                  : 'Nothing of this kind yet.'}
              </Text>
            ) : (
              <Stack gap="md">
                <ol className={classes.stream} aria-label="Timeline entries">
                  {result.entries.map((entry) => (
                    <TimelineItem key={entry.id} entry={entry} onDelete={deleteWithUndo} />
                  ))}
                </ol>
                {result.total > PER_PAGE && (
                  <Pagination
                    total={Math.ceil(result.total / PER_PAGE)}
                    value={page}
                    onChange={setPage}
                    aria-label="Timeline pages"
                    getItemProps={(number) => ({ 'aria-label': `Page ${number}` })}
                    getControlProps={(control) => ({ 'aria-label': `${control} page` })}
                  />
                )}
              </Stack>
            )
          }
        </SectionState>
      </Stack>
    </Panel>
  )
}
