import { processConsole } from "./console.js";
import { main } from "./main.js";

// A closed pipe (`hnb forecast --json | head -c 10`) or a full disk must end the command with a
// message, not a stack trace: stdout errors arrive as events, after main has returned.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    if (stream === process.stdout)
      process.stderr.write(`hnb: cannot write to standard output: ${error.code ?? error.message}\n`);
    process.exit(1);
  });

process.exitCode = await main(process.argv.slice(2), processConsole());
