import { notifications } from '@mantine/notifications'
import type { SettingsPatch } from '@shared/settings/settings'
import { describeError } from '../../app/ipc-client'
import { useInvoke, useMutate } from '../../app/ipc-hooks'

/** Current settings plus a save function that reports failures; main announces the change. */
export function useSettings() {
  const settings = useInvoke('settings.get')
  const mutation = useMutate('settings.set')
  const save = (patch: SettingsPatch) =>
    mutation.mutate(patch, {
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Settings not saved',
          message: describeError(error),
        }),
    })
  return { settings, save, saving: mutation.isPending }
}
