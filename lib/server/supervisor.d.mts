export type SupervisorEvent =
  | { type: "ready"; pid: number }
  | { type: "exit"; pid: number; code: number | null; signal: NodeJS.Signals | null; lastLines: string[]; restartInMs: number | null }
  | { type: "restart"; attempt: number };

export interface SupervisorOptions {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  stdout?: "inherit" | "ignore";
  stderr?: NodeJS.WritableStream | null;
  initialDelayMs?: number;
  maxDelayMs?: number;
  healthyAfterMs?: number;
  stopGraceMs?: number;
  keepLines?: number;
  log?: (line: string) => void;
  onEvent?: (event: SupervisorEvent) => void;
}

export declare function restartDelay(failures: number, options: { initialDelayMs: number; maxDelayMs: number }): number;

export declare function supervise(options: SupervisorOptions): {
  readonly pid: number | undefined;
  stop(signal?: NodeJS.Signals): Promise<number>;
  done: Promise<number>;
};
