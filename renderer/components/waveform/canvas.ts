import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Sizes a canvas for crisp lines on any screen: its bitmap in device pixels, its box in CSS
 * pixels. The box is set through the CSSOM, which the renderer's CSP (style-src 'self') allows;
 * no style attribute is written. Returns the context scaled so drawing is in CSS pixels.
 */
export function fitCanvas(
  canvas: HTMLCanvasElement,
  cssWidth: number,
  cssHeight: number,
): CanvasRenderingContext2D | null {
  const dpr = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(cssWidth * dpr));
  const height = Math.max(1, Math.round(cssHeight * dpr));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  const context = canvas.getContext('2d');
  context?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return context;
}

/** The device pixel ratio now: a window dragged to another screen changes it. */
export const pixelRatio = (): number => window.devicePixelRatio || 1;

/** Calls `draw` once per animation frame while the component is mounted (the display's rate, e.g. 60 fps). */
export function useAnimationFrame(draw: (now: number) => void): void {
  const latest = useRef(draw);
  useLayoutEffect(() => {
    latest.current = draw;
  });
  useEffect(() => {
    let id = requestAnimationFrame(function tick(now) {
      latest.current(now);
      id = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(id);
  }, []);
}
