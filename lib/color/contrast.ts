// WCAG contrast from CSS colour values as the stylesheet writes them: `#rrggbb` (or `#rgb`) and
// Tailwind 4's `oklch(L% C H)`. Used by tests that check the page's colours, not at run time.

type Rgb = [number, number, number];

/** Linear-light sRGB channels (0..1, clamped to the gamut) of a CSS colour. */
function linearRgb(color: string): Rgb {
  const value = color.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(value);
  if (hex) {
    const digits = hex[1]!.length === 3 ? [...hex[1]!].map((d) => d + d).join("") : hex[1]!;
    return [0, 2, 4].map((i) => {
      const c = Number.parseInt(digits.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as Rgb;
  }
  const oklch = /^oklch\(\s*([\d.]+)(%?)\s+([\d.]+)\s+([\d.]+)\s*\)$/.exec(value);
  if (oklch) {
    const l = Number(oklch[1]) / (oklch[2] ? 100 : 1);
    const c = Number(oklch[3]);
    const h = (Number(oklch[4]) * Math.PI) / 180;
    const a = c * Math.cos(h);
    const b = c * Math.sin(h);
    // OKLab to linear sRGB (Björn Ottosson's published matrices).
    const l_ = (l + 0.3963377774 * a + 0.2158037573 * b) ** 3;
    const m_ = (l - 0.1055613458 * a - 0.0638541728 * b) ** 3;
    const s_ = (l - 0.0894841775 * a - 1.291485548 * b) ** 3;
    const rgb: Rgb = [
      4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
      -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
      -0.0041960863 * l_ - 0.7034186147 * m_ + 1.707614701 * s_,
    ];
    return rgb.map((x) => Math.min(1, Math.max(0, x))) as Rgb;
  }
  throw new Error(`Unsupported colour: ${color}`);
}

/** WCAG 2 relative luminance. */
export function relativeLuminance(color: string): number {
  const [r, g, b] = linearRgb(color);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * Resolves `var(--name)` chains in a colour against the custom properties given (later
 * declarations win, as in a stylesheet).
 */
export function resolveCssVar(value: string, properties: ReadonlyMap<string, string>): string {
  let current = value.trim();
  for (let depth = 0; depth < 10; depth++) {
    const ref = /^var\(\s*(--[\w-]+)\s*\)$/.exec(current);
    if (!ref) return current;
    const next = properties.get(ref[1]!);
    if (next === undefined) throw new Error(`Undefined custom property ${ref[1]}`);
    current = next.trim();
  }
  throw new Error(`Custom property chain too deep: ${value}`);
}
