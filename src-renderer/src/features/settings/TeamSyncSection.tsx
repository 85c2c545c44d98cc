import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  PasswordInput,
  Progress,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { IconAlertTriangle, IconLogin, IconLogout } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import type { SyncConflictItem, SyncState } from '@shared/sync/sync-state'
import { describeError } from '../../app/ipc-client'
import { useInvoke, useMutate } from '../../app/ipc-hooks'
import { SectionState } from './SectionState'
import { useSyncState } from './useSyncState'

const phaseColor = {
  'signed-out': 'gray',
  offline: 'orange',
  syncing: 'blue',
  'up-to-date': 'teal',
  error: 'red',
} as const
const phaseLabel = {
  'signed-out': 'Not signed in',
  offline: 'Offline',
  syncing: 'Syncing',
  'up-to-date': 'Up to date',
  error: 'Error',
} as const

function fieldError(error: unknown, field: string): string | undefined {
  const issues: unknown =
    typeof error === 'object' && error !== null
      ? Reflect.get(Object(Reflect.get(error, 'details')), 'issues')
      : undefined
  if (!Array.isArray(issues)) return undefined
  const issue: unknown = issues.find(
    (i: unknown) => typeof i === 'object' && i !== null && Reflect.get(i, 'field') === field,
  )
  const message: unknown = issue === undefined ? undefined : Reflect.get(Object(issue), 'message')
  return typeof message === 'string' ? message : undefined
}

function SignInForm() {
  const signIn = useMutate('sync.signIn')
  const [serverUrl, setServerUrl] = useState('')
  const [token, setToken] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    signIn.mutate(
      { serverUrl, token },
      {
        onSuccess: () => {
          setToken('')
          notifications.show({ color: 'teal', message: 'Signed in to team sync' })
        },
      },
    )
  }
  const error = signIn.error
  const urlError = fieldError(error, 'serverUrl')
  const tokenError = fieldError(error, 'token')
  return (
    <form onSubmit={submit} aria-label="Sign in to team sync">
      <Stack>
        <Text size="sm" c="dimmed">
          Sync this workspace with your team’s Tierline server. Your administrator gives you the
          server’s address and a sign-in token. Team sync starts in an empty workspace.
        </Text>
        <TextInput
          label="Server address"
          placeholder="https://sync.example.com"
          value={serverUrl}
          onChange={(e) => setServerUrl(e.currentTarget.value)}
          error={urlError}
          required
          data-testid="sync-server-url"
        />
        <PasswordInput
          label="Token"
          placeholder="tl_…"
          value={token}
          onChange={(e) => setToken(e.currentTarget.value)}
          error={tokenError}
          required
          data-testid="sync-token"
        />
        {error && !urlError && !tokenError ? (
          <Alert color="red" icon={<IconAlertTriangle />} title="Could not sign in">
            {describeError(error)}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" leftSection={<IconLogin size={16} />} loading={signIn.isPending}>
            Sign in
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function SignOutDialog({
  opened,
  onClose,
}: {
  readonly opened: boolean
  readonly onClose: () => void
}) {
  const signOut = useMutate('sync.signOut')
  const run = (keepLocalData: boolean) =>
    signOut.mutate(
      { keepLocalData },
      {
        onSuccess: () => {
          onClose()
          notifications.show({
            message: keepLocalData
              ? 'Signed out; the team’s data stays on this computer.'
              : 'Signed out; the team’s data was removed from this computer.',
          })
        },
      },
    )
  return (
    <Modal opened={opened} onClose={onClose} title="Sign out of team sync?">
      <Stack>
        <Text size="sm">
          Keep this computer’s copy of the team’s data (readable offline, not synced), or delete it
          from this workspace? Changes not yet sent to the server stay here if you keep the data
          (they are sent when you sign in again in this workspace) and are lost if you delete it.
        </Text>
        {signOut.error ? (
          <Alert color="red" icon={<IconAlertTriangle />}>
            {describeError(signOut.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="light" loading={signOut.isPending} onClick={() => run(true)}>
            Sign out, keep data
          </Button>
          <Button color="red" loading={signOut.isPending} onClick={() => run(false)}>
            Sign out and delete data
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

function SignedIn({ state }: { readonly state: SyncState }) {
  const [confirming, setConfirming] = useState(false)
  const account = state.account
  return (
    <Stack>
      <Table variant="vertical" layout="fixed" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={180}>State</Table.Th>
            <Table.Td>
              <Badge color={phaseColor[state.phase]} variant="light" data-testid="sync-phase">
                {phaseLabel[state.phase]}
              </Badge>
              <Text size="sm" mt={4}>
                {state.message}
              </Text>
              {state.progress ? (
                <Progress
                  mt="xs"
                  value={(100 * state.progress.done) / state.progress.total}
                  aria-label="First sync progress"
                />
              ) : null}
            </Table.Td>
          </Table.Tr>
          {account ? (
            <>
              <Table.Tr>
                <Table.Th>Server</Table.Th>
                <Table.Td>{account.serverUrl}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Signed in as</Table.Th>
                <Table.Td>
                  {account.user.name} ({account.user.email}, {account.user.role})
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Token expires</Table.Th>
                <Table.Td>{new Date(account.tokenExpiresAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            </>
          ) : null}
          <Table.Tr>
            <Table.Th>Last synced</Table.Th>
            <Table.Td>
              {state.lastSyncedAt ? new Date(state.lastSyncedAt).toLocaleString() : 'Not yet'}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Pending changes</Table.Th>
            <Table.Td data-testid="sync-pending">
              {state.pending}
              {state.pendingCapped ? '+' : ''}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Group>
        <Button
          variant="default"
          leftSection={<IconLogout size={16} />}
          onClick={() => setConfirming(true)}
        >
          Sign out…
        </Button>
      </Group>
      <SignOutDialog opened={confirming} onClose={() => setConfirming(false)} />
    </Stack>
  )
}

/** Both versions of a note merged line by line (main drafts it), edited here, then saved. */
function MergeTextDialog({
  conflict,
  draft,
  onClose,
}: {
  readonly conflict: SyncConflictItem
  readonly draft: string
  readonly onClose: () => void
}) {
  const resolve = useMutate('sync.resolveConflict')
  const [text, setText] = useState(draft)
  return (
    <Modal opened onClose={onClose} title={`Merge text: ${conflict.label}`} size="lg">
      <Stack>
        <Text size="sm">
          Every line of your version and of theirs is below, shared lines once. Edit it into the
          note you want; saving replaces the note’s text for everyone.
        </Text>
        <Textarea
          label="Merged text"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autosize
          minRows={6}
          maxRows={20}
          data-autofocus
        />
        {resolve.error ? (
          <Alert color="red" icon={<IconAlertTriangle />}>
            {describeError(resolve.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={resolve.isPending}
            onClick={() =>
              resolve.mutate({ id: conflict.id, keep: 'merged', text }, { onSuccess: onClose })
            }
          >
            Save merged text
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

function ConflictRow({ conflict }: { readonly conflict: SyncConflictItem }) {
  const [merging, setMerging] = useState(false)
  const resolve = useMutate('sync.resolveConflict')
  const keep = (which: 'mine' | 'theirs') =>
    resolve.mutate(
      { id: conflict.id, keep: which },
      { onError: (error) => notifications.show({ color: 'red', message: describeError(error) }) },
    )
  const mineTitle = typeof conflict.mine['title'] === 'string' ? conflict.mine['title'] : undefined
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {conflict.label}
        </Text>
        <Text size="xs" c="dimmed">
          {conflict.collection} · {new Date(conflict.detectedAt).toLocaleString()}
          {mineTitle && mineTitle !== conflict.label ? ` · your title: ${mineTitle}` : ''}
        </Text>
        {conflict.kind === 'refused' ? (
          <Text size="xs" c="red" data-testid="sync-refusal-reason">
            Not saved on the server: {conflict.reason ?? 'you may not change this'}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end">
          {conflict.kind === 'refused' ? (
            <Button
              size="xs"
              variant="default"
              loading={resolve.isPending}
              onClick={() => keep('theirs')}
              aria-label={`Discard your change to ${conflict.label}`}
            >
              Discard
            </Button>
          ) : (
            <>
              {conflict.mergeDraft !== null ? (
                <Button size="xs" variant="light" onClick={() => setMerging(true)}>
                  Merge text…
                </Button>
              ) : null}
              <Button
                size="xs"
                variant="light"
                loading={resolve.isPending}
                onClick={() => keep('mine')}
              >
                Keep mine
              </Button>
              <Button
                size="xs"
                variant="default"
                loading={resolve.isPending}
                onClick={() => keep('theirs')}
              >
                Keep theirs
              </Button>
            </>
          )}
        </Group>
        {merging && conflict.mergeDraft !== null ? (
          <MergeTextDialog
            conflict={conflict}
            draft={conflict.mergeDraft}
            onClose={() => setMerging(false)}
          />
        ) : null}
      </Table.Td>
    </Table.Tr>
  )
}

function Conflicts() {
  const conflicts = useInvoke('sync.conflicts')
  return (
    <SectionState query={conflicts}>
      {(list) =>
        list.length === 0 ? (
          <Text size="sm" c="dimmed">
            No conflicts: nothing anyone wrote was overwritten.
          </Text>
        ) : (
          <Stack gap="xs">
            <Text size="sm">
              Someone changed these on the server while you edited them here, or the server did not
              let you change them. The server’s version is shown in the app; yours is kept here
              until you choose.
            </Text>
            <Table data-testid="sync-conflicts">
              <Table.Tbody>
                {list.map((conflict) => (
                  <ConflictRow key={conflict.id} conflict={conflict} />
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )
      }
    </SectionState>
  )
}

/** Settings → Data: team sync sign-in, state, sign-out and conflict copies. */
export function TeamSyncSection() {
  const status = useSyncState()
  return (
    <Card
      withBorder
      padding="lg"
      id="team-sync"
      aria-labelledby="team-sync-title"
      component="section"
    >
      <Title order={3} mb="md" id="team-sync-title">
        Team sync
      </Title>
      <SectionState query={status}>
        {(state) => (
          <Stack>
            {state.tokenWarning && state.phase !== 'signed-out' ? (
              <Alert color="yellow" icon={<IconAlertTriangle />}>
                {state.tokenWarning}
              </Alert>
            ) : null}
            {state.phase === 'signed-out' ? <SignInForm /> : <SignedIn state={state} />}
            <Title order={4}>Conflicts</Title>
            <Conflicts />
          </Stack>
        )}
      </SectionState>
    </Card>
  )
}
