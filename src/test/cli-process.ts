import { spawn } from 'node:child_process'

export interface CliRun {
  output: string
  signal: NodeJS.Signals | null
  code: number | null
}

/** `kith <args>` from the sources as its own process; with `killAfter`, SIGKILLed once that text appears in its output (crash tests). */
export function cliProcess(args: string[], env: Record<string, string>, killAfter?: RegExp): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const take = (d: Buffer) => {
      output += d.toString()
      if (killAfter?.test(output)) child.kill('SIGKILL')
    }
    child.stdout.on('data', take)
    child.stderr.on('data', take)
    child.on('exit', (code, signal) => resolve({ output, signal, code }))
  })
}
