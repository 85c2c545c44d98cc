import { Button, Group, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import type { CaseStudy } from '@shared/model/case-study'
import { useMutate } from '../../app/ipc-hooks'

/** Deleting a case study offers Undo for a while; Undo writes the deleted story back. */
export function useDeleteCaseStudy() {
  const remove = useMutate('caseStudies.delete')
  const restore = useMutate('caseStudies.restore')
  return (caseStudy: CaseStudy) =>
    remove.mutate(
      { id: caseStudy.id },
      {
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'Case study not deleted',
            message: error.message,
          }),
        onSuccess: (deleted) => {
          const notificationId = `undo-case-study-${deleted.id}`
          notifications.show({
            id: notificationId,
            title: 'Case study deleted',
            autoClose: 10_000,
            message: (
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Text size="sm" lineClamp={1}>
                  {deleted.name}
                </Text>
                <Button
                  size="compact-sm"
                  variant="light"
                  onClick={() => {
                    notifications.hide(notificationId)
                    restore.mutate(
                      { caseStudy: deleted },
                      {
                        onSuccess: () =>
                          notifications.show({ color: 'teal', message: 'Case study restored.' }),
                        onError: (error) =>
                          notifications.show({
                            color: 'red',
                            title: 'Case study not restored',
                            message: error.message,
                          }),
                      },
                    )
                  }}
                >
                  Undo
                </Button>
              </Group>
            ),
          })
        },
      },
    )
}
