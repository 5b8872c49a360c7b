// CPU time of a JVM's threads by kind, from Linux's /proc (bench:load's evidence of where a
// load's CPU goes: the first load into a fresh Neo4j competes with its JIT compilers).
import fs from 'node:fs';

export type ThreadKind = 'jit' | 'gc' | 'bolt' | 'other';

/** Thread names as the kernel keeps them (15 characters) → kind. */
function kindOf(name: string): ThreadKind {
  if (/^C[12] CompilerThre/.test(name)) return 'jit';
  if (/^(GC Thread|G1 |VM Thread)/.test(name)) return 'gc';
  if (name.startsWith('neo4j.BoltWorke')) return 'bolt';
  return 'other';
}

const TICKS_PER_SECOND = 100;

/** utime + stime of a /proc stat line, in seconds (fields 14 and 15, after the "(comm)"). */
function cpuSeconds(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * CPU seconds of the process so far, in total and by thread kind. Threads that have ended
 * count only in the total (and so in `other`). Undefined where /proc does not exist.
 */
export function jvmCpuSeconds(pid: number): Record<ThreadKind | 'total', number> | undefined {
  const dir = `/proc/${pid}/task`;
  if (!fs.existsSync(dir)) return undefined;
  const seconds = { jit: 0, gc: 0, bolt: 0, other: 0, total: 0 };
  for (const tid of fs.readdirSync(dir)) {
    try {
      const name = fs.readFileSync(`${dir}/${tid}/comm`, 'utf8').trim();
      seconds[kindOf(name)] += cpuSeconds(fs.readFileSync(`${dir}/${tid}/stat`, 'utf8'));
    } catch {
      // the thread ended meanwhile
    }
  }
  seconds.total = cpuSeconds(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  seconds.other += seconds.total - (seconds.jit + seconds.gc + seconds.bolt + seconds.other);
  return seconds;
}

/** What the JVM spent between two readings, e.g. "Neo4j CPU 91.2 s: JIT 30.1, GC 4.2, …". */
export function describeCpu(
  before: ReturnType<typeof jvmCpuSeconds>,
  after: ReturnType<typeof jvmCpuSeconds>,
): string {
  if (!before || !after) return 'Neo4j CPU: not measurable here (no /proc)';
  const spent = (kind: ThreadKind | 'total') => (after[kind] - before[kind]).toFixed(1);
  return (
    `Neo4j CPU ${spent('total')} s: Bolt workers (the queries) ${spent('bolt')}, ` +
    `JIT compilers ${spent('jit')}, GC ${spent('gc')}, other ${spent('other')}`
  );
}
