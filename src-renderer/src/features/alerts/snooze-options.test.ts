import { describe, expect, it } from 'vitest'
import { snoozeChoices } from './snooze-options'

describe('snooze choices', () => {
  it('are all in the future, at 9:00 local time, next Monday a Monday', () => {
    for (const day of [1, 2, 3, 4, 5, 6, 7]) {
      const now = new Date(2026, 10, day, 15, 30) // 1–7 Nov 2026: Sunday to Saturday
      const choices = snoozeChoices(now)
      for (const choice of choices) {
        expect(choice.until.getTime()).toBeGreaterThan(now.getTime())
        expect(choice.until.getHours()).toBe(9)
      }
      const monday = choices.find((c) => c.label.startsWith('Next Monday'))?.until
      expect(monday?.getDay()).toBe(1)
      expect((monday?.getTime() ?? 0) - now.getTime()).toBeLessThanOrEqual(7 * 86_400_000)
    }
  })
})
