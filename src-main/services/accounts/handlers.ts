import type { HandlerMap } from '../ipc/router'
import type { AccountsRepository } from './accounts-repository'

export function accountHandlers(accounts: AccountsRepository) {
  return {
    'accounts.list': (query) => accounts.list(query),
    'accounts.filterOptions': () => accounts.filterOptions(),
    'accounts.get': ({ id }) => accounts.get(id),
    'tickets.listByAccount': (input) => accounts.tickets(input),
  } satisfies Partial<HandlerMap>
}
