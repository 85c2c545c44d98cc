import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query'
import { useCallback, useEffect } from 'react'
import {
  changedTopic,
  collections,
  collectionsReadBy,
  isInvokeChannel,
  type InputArgs,
  type InputOf,
  type MutationChannel,
  type OutputOf,
  type PayloadOf,
  type QueryChannel,
  type Topic,
} from '@shared/ipc/contract'
import type { TierlineError } from '@shared/ipc/errors'
import { invoke } from './ipc-client'

/** Query keys are `[channel, input]`, so invalidation can find every answer of a channel. */
export function queryKeyOf(channel: QueryChannel, input: unknown): readonly unknown[] {
  return input === undefined ? [channel] : [channel, input]
}

function invokeQuery<C extends QueryChannel>(channel: C, input: InputArgs<C>) {
  return {
    queryKey: queryKeyOf(channel, input[0]),
    queryFn: () => invoke(channel, ...input),
  }
}

export function useInvoke<C extends QueryChannel>(
  channel: C,
  ...input: InputArgs<C>
): UseQueryResult<OutputOf<C>, TierlineError> {
  return useQuery<OutputOf<C>, TierlineError>(invokeQuery(channel, input))
}

/**
 * Like {@link useInvoke}, but keeps showing the previous answer while the next one loads: for
 * tables whose filters, sort or page change under the user's hands.
 */
export function useInvokeKeepingPrevious<C extends QueryChannel>(
  channel: C,
  ...input: InputArgs<C>
): UseQueryResult<OutputOf<C>, TierlineError> {
  return useQuery<OutputOf<C>, TierlineError>({
    ...invokeQuery(channel, input),
    placeholderData: keepPreviousData,
  })
}

/**
 * One channel asked with several inputs at once (the pages of a table), each cached on its own;
 * `select` turns the answers (undefined until each arrives) into what the component needs, and
 * is called again only when one of them changes, so keep it stable.
 */
export function useInvokeEach<C extends QueryChannel, R>(
  channel: C,
  inputs: readonly InputOf<C>[],
  select: (answers: readonly (OutputOf<C> | undefined)[]) => R,
): R {
  return useQueries({
    queries: inputs.map((input) => invokeQuery(channel, [input] as InputArgs<C>)),
    combine: (results) => select(results.map((result) => result.data as OutputOf<C> | undefined)),
  })
}

/**
 * Starts a query an event handler is about to cause, before React renders the change: the
 * answer is on its way while the screen re-renders, and the hook that then asks for the same
 * input joins that call instead of making its own (an answer already cached is not asked again).
 */
export function usePrefetchInvoke() {
  const queryClient = useQueryClient()
  return useCallback(
    <C extends QueryChannel>(channel: C, ...input: InputArgs<C>) =>
      void queryClient.prefetchQuery(invokeQuery(channel, input)),
    [queryClient],
  )
}

export function useMutate<C extends MutationChannel>(
  channel: C,
): UseMutationResult<OutputOf<C>, TierlineError, InputOf<C>> {
  return useMutation<OutputOf<C>, TierlineError, InputOf<C>>({
    mutationFn: (input) => invoke(channel, ...([input] as InputArgs<C>)),
  })
}

export function useSubscription<T extends Topic>(
  topic: T,
  listener: (payload: PayloadOf<T>) => void,
): void {
  useEffect(() => window.tierline.subscribe(topic, listener), [topic, listener])
}

/**
 * Refetches exactly the cached queries that read a collection when main announces
 * `changed:<collection>`; the renderer never guesses what a mutation touched.
 */
export function useChangeInvalidation(): void {
  const queryClient = useQueryClient()
  useEffect(() => {
    const unsubscribers = collections.map((collection) =>
      window.tierline.subscribe(changedTopic(collection), () => {
        void queryClient.invalidateQueries({
          predicate: (query) => {
            const channel = query.queryKey[0]
            return isInvokeChannel(channel) && collectionsReadBy(channel).includes(collection)
          },
        })
      }),
    )
    return () => unsubscribers.forEach((unsubscribe) => unsubscribe())
  }, [queryClient])
}
