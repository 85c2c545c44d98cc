import { streamEventSchema, type StreamEvent } from './protocol'

/**
 * An incremental parser for the live stream (text/event-stream): feed it text as it arrives, in
 * chunks split anywhere, and it returns the complete events so far. Pure, so the desktop client
 * (Node has no EventSource) and the server's tests read the stream with the same code.
 * Frames whose data is not a valid {@link StreamEvent} are reported, never thrown.
 */
export interface StreamParser {
  push(chunk: string): { events: StreamEvent[]; invalid: string[] }
}

export function createStreamParser(): StreamParser {
  let buffer = ''
  return {
    push(chunk) {
      buffer += chunk.replace(/\r\n?/g, '\n')
      const events: StreamEvent[] = []
      const invalid: string[] = []
      let end = buffer.indexOf('\n\n')
      while (end !== -1) {
        const frame = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = frame
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
          .join('\n')
        if (data !== '') {
          const parsed = safeJson(data)
          const event = streamEventSchema.safeParse(parsed)
          if (event.success) events.push(event.data)
          else invalid.push(data)
        }
        end = buffer.indexOf('\n\n')
      }
      return { events, invalid }
    },
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
