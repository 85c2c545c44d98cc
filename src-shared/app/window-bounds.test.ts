import { describe, expect, it } from 'vitest'
import { placeWindow } from './window-bounds'

const laptop = { x: 0, y: 0, width: 1440, height: 900 }
const external = { x: 1440, y: 0, width: 2560, height: 1440 }

describe('placeWindow', () => {
  it('centres a default-sized window on first run', () => {
    expect(placeWindow(undefined, [laptop])).toEqual({
      bounds: { x: 80, y: 40, width: 1280, height: 820 },
      maximized: false,
    })
  })

  it('restores a remembered window that is still visible, on any display', () => {
    const remembered = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: true }
    expect(placeWindow(remembered, [laptop, external])).toBe(remembered)
  })

  it('brings back a window whose monitor was unplugged, keeping its size and maximised state', () => {
    const remembered = { bounds: { x: 1600, y: 100, width: 1200, height: 800 }, maximized: true }
    expect(placeWindow(remembered, [laptop])).toEqual({
      bounds: { x: 120, y: 50, width: 1200, height: 800 },
      maximized: true,
    })
  })

  it('shrinks a window larger than the remaining display, but not below the minimum size', () => {
    const small = { x: 0, y: 0, width: 1024, height: 700 }
    const remembered = { bounds: { x: 3000, y: 0, width: 2400, height: 1400 }, maximized: false }
    expect(placeWindow(remembered, [small]).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1024,
      height: 700,
    })
    const tiny = { bounds: { x: 5000, y: 0, width: 300, height: 200 }, maximized: false }
    expect(placeWindow(tiny, [laptop]).bounds).toMatchObject({ width: 960, height: 600 })
  })
})
