import { cpus, loadavg, platform, release, totalmem } from 'node:os';

/** The machine a run was measured on. */
export interface Machine {
  cpu: string;
  cores: number;
  memory: string;
  os: string;
  node: string;
  chromium: string;
  /** ISO date and time of the run. */
  date: string;
  /** 1-minute load average at the start and at the end of the run (other work on the machine). */
  load: string;
}

/** The 1-minute load average now, e.g. `1.25`. */
export function loadNow(): string {
  return loadavg()[0]!.toFixed(2);
}

/** Describes this machine; `chromium` is the browser's own version string. */
export function describeMachine(chromium: string, loadAtStart: string): Machine {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium,
    date: new Date().toISOString(),
    load: `${loadAtStart} → ${loadNow()}`,
  };
}
