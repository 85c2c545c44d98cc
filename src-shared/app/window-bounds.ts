export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface WindowPlacement {
  readonly bounds: Rect
  readonly maximized: boolean
}

export const defaultWindowSize = { width: 1280, height: 820 } as const
export const minimumWindowSize = { width: 960, height: 600 } as const

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/**
 * Restores a remembered window only where the user can still see and grab it: a monitor
 * may have been unplugged since, so a window mostly off-screen is centred on the primary
 * display's work area instead, and a window larger than that area is shrunk to fit.
 */
export function placeWindow(
  remembered: WindowPlacement | undefined,
  workAreas: readonly Rect[],
): WindowPlacement {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...defaultWindowSize }
  const centred = (width: number, height: number): Rect => {
    const w = Math.min(Math.max(width, minimumWindowSize.width), primary.width)
    const h = Math.min(Math.max(height, minimumWindowSize.height), primary.height)
    return {
      x: Math.round(primary.x + (primary.width - w) / 2),
      y: Math.round(primary.y + (primary.height - h) / 2),
      width: w,
      height: h,
    }
  }
  if (remembered === undefined) {
    return { bounds: centred(defaultWindowSize.width, defaultWindowSize.height), maximized: false }
  }
  const { bounds } = remembered
  const visible = Math.max(0, ...workAreas.map((area) => overlapArea(bounds, area)))
  // Half the window visible is enough to find its title bar and drag it back.
  if (visible >= (bounds.width * bounds.height) / 2) return remembered
  return { bounds: centred(bounds.width, bounds.height), maximized: remembered.maximized }
}
