/**
 * "Chrome 131 · Windows" from a User-Agent header: enough for a person to recognise his own
 * devices in a session list. Order matters, as browsers name the engines they imitate.
 */
const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/MicroMessenger\/(\d+)/, 'WeChat'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/curl\/(\d+)/, 'curl'],
]

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

export function describeDevice(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null
  const ua = userAgent.slice(0, 500)
  const browser = BROWSERS.map(([re, name]) => [re.exec(ua), name] as const).find(([m]) => m)
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1]
  const parts = [browser ? `${browser[1]} ${browser[0]![1]}` : null, system ?? null].filter(Boolean)
  return parts.length ? parts.join(' · ') : ua.slice(0, 60)
}
