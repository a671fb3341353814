import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU use of a process over a stretch of time, in percent of one core. */
export class CpuWindow {
  private readonly startCpu: number;
  private readonly startWallMs = performance.now();

  constructor(private readonly pid: number) {
    this.startCpu = cpuSeconds(pid) ?? 0;
  }

  percent(): number {
    const cpu = (cpuSeconds(this.pid) ?? this.startCpu) - this.startCpu;
    return (100 * cpu) / ((performance.now() - this.startWallMs) / 1000);
  }
}
