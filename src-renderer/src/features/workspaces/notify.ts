import { notifications } from '@mantine/notifications'
import { describeError } from '../../app/ipc-client'

export const notifyFailure = (title: string) => (error: unknown) =>
  notifications.show({ color: 'red', title, message: describeError(error) })

export const notifySuccess = (title: string, message: string) =>
  notifications.show({ color: 'teal', title, message })
