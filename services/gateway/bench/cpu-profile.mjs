// Preloaded into a service by the gateway bench (NODE_OPTIONS=--import, since --cpu-prof is not
// allowed there): samples the whole process and writes <BENCH_CPU_PROF_DIR>/<service>-<pid>.cpuprofile
// at exit, for Chrome DevTools or speedscope.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  process.on('exit', () => {
    // The in-process inspector answers synchronously, so this completes before the process ends.
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      const name = `${process.env.OTEL_SERVICE_NAME ?? 'node'}-${process.pid}.cpuprofile`;
      writeFileSync(join(dir, name), JSON.stringify(result.profile));
    });
  });
}
