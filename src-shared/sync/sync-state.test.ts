import { describe, expect, it } from 'vitest'
import {
  syncSignInInput,
  syncStateOf,
  type SyncAccount,
  type SyncSnapshotInput,
} from './sync-state'

const account: SyncAccount = {
  serverUrl: 'https://sync.example.com',
  user: { id: 'u1', name: 'Ana', email: 'ana@example.com', role: 'csm' },
  workspaceId: 'w1',
  tokenExpiresAt: '2027-01-01T00:00:00.000Z',
}
const settled: SyncSnapshotInput = {
  failure: null,
  streamConnected: true,
  active: false,
  collectionsReady: 12,
  collectionsTotal: 12,
  documentsReceived: 40,
  lastSyncedAt: '2026-12-01T10:00:00.000Z',
  pending: 0,
}
const extra = { conflicts: 0, tokenWarning: null, pendingCap: 1000 }

describe('syncStateOf', () => {
  it('is up to date only when connected, idle, caught up and with nothing pending', () => {
    expect(syncStateOf(account, settled, extra).phase).toBe('up-to-date')
    expect(syncStateOf(account, { ...settled, pending: 2 }, extra).phase).toBe('syncing')
    expect(syncStateOf(account, { ...settled, active: true }, extra).phase).toBe('syncing')
    expect(syncStateOf(account, { ...settled, lastSyncedAt: null }, extra).phase).toBe('syncing')
  })

  it('reports first-sync progress until every collection is pulled', () => {
    const state = syncStateOf(
      account,
      { ...settled, collectionsReady: 5, lastSyncedAt: null },
      extra,
    )
    expect(state.phase).toBe('syncing')
    expect(state.progress).toEqual({ done: 5, total: 12, documents: 40 })
    expect(syncStateOf(account, { ...settled, pending: 1 }, extra).progress).toBeNull()
  })

  it('is offline while the server is unreachable or the stream is down, keeping the pending count', () => {
    const away = syncStateOf(
      account,
      {
        ...settled,
        streamConnected: false,
        pending: 3,
        failure: {
          code: 'network',
          message: 'The sync server could not be reached',
          retryable: true,
        },
      },
      extra,
    )
    expect(away).toMatchObject({
      phase: 'offline',
      pending: 3,
      message: 'The sync server could not be reached',
    })
    expect(syncStateOf(account, { ...settled, streamConnected: false }, extra).phase).toBe(
      'offline',
    )
  })

  it('is an error, with the server’s reason, when retrying cannot help', () => {
    const state = syncStateOf(
      account,
      {
        ...settled,
        failure: { code: 'unauthorized', message: 'This token was revoked', retryable: false },
      },
      extra,
    )
    expect(state).toMatchObject({ phase: 'error', message: 'This token was revoked' })
  })

  it('marks a capped pending count', () => {
    expect(syncStateOf(account, { ...settled, pending: 1000 }, extra).pendingCapped).toBe(true)
    expect(syncStateOf(account, { ...settled, pending: 999 }, extra).pendingCapped).toBe(false)
  })
})

describe('syncSignInInput', () => {
  const token = `tl_${'a'.repeat(43)}`
  it('accepts an http(s) address and a Tierline token', () => {
    expect(syncSignInInput.parse({ serverUrl: ' https://sync.example.com ', token })).toEqual({
      serverUrl: 'https://sync.example.com',
      token,
    })
  })
  it('names the field that is wrong', () => {
    const badUrl = syncSignInInput.safeParse({ serverUrl: 'ftp://x', token })
    expect(badUrl.success === false && badUrl.error.issues[0]?.path).toEqual(['serverUrl'])
    const badToken = syncSignInInput.safeParse({ serverUrl: 'https://x', token: 'secret' })
    expect(badToken.success === false && badToken.error.issues[0]?.path).toEqual(['token'])
  })
})
