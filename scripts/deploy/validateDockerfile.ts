import { validate } from 'dockerfile-utils';

// LSP severities: 1 error, 2 warning.
const ERROR = 1;

/**
 * Lints a Dockerfile with `dockerfile-utils` (the linter of the Docker language server):
 * syntax, instruction arguments, flags, stage names. Warnings count as problems too.
 * @returns the problems, as `line: message` lines (none when clean)
 */
export function lintDockerfile(text: string): string[] {
  return validate(text).map(
    (diagnostic) =>
      `${diagnostic.range.start.line + 1}: ${diagnostic.severity === ERROR ? 'error' : 'warning'} ${diagnostic.message}`,
  );
}

/** One stage of a Dockerfile: `FROM image AS name` and the instructions after it. */
export interface DockerStage {
  name: string | undefined;
  from: string;
  instructions: { keyword: string; args: string }[];
}

/**
 * The stages of a Dockerfile (line continuations joined, comments dropped), so tests can
 * check what each image is made of: its base, its user, its health check.
 */
export function dockerStages(text: string): DockerStage[] {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const stages: DockerStage[] = [];
  for (const line of lines) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const keyword = match[1]!.toUpperCase();
    const args = match[2]!.trim();
    if (keyword === 'FROM') {
      const [from, as, name] = args.split(/\s+/);
      stages.push({
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        from: from!,
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push({ keyword, args });
    }
  }
  return stages;
}
