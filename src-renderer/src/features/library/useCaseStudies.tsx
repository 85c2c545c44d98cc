import { notifications } from '@mantine/notifications'
import type { CaseStudy } from '@shared/model/case-study'
import { useMutate } from '../../app/ipc-hooks'
import { showUndoNotification } from '../../components/undo-notification'

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
        onSuccess: (deleted) =>
          showUndoNotification({
            id: `undo-case-study-${deleted.id}`,
            title: 'Case study deleted',
            subject: deleted.name,
            onUndo: () =>
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
              ),
          }),
      },
    )
}
