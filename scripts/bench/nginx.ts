import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// Debian's nginx as the load balancer in front of several Spor instances on loopback, for the
// two-instance test (tests/abuse/two-instances.test.ts) and the benchmark. No root and no system
// paths: the configuration, pid file, logs and temp folders live in a temp directory (nginx -p), and
// nginx runs in the foreground as a child of the caller. The proxy settings are those of
// docs/deployment.md ("nginx in front (the tested configuration)"); TLS is left out on loopback.

export const NGINX = "/usr/sbin/nginx";

export interface RunningNginx {
  url: string;
  /** Everything nginx wrote to its error log. */
  errors(): string;
  stop(): Promise<void>;
}

/** The http{} block of the tested configuration: upstreams on loopback, one server on `listen`. */
export function nginxHttpConfig(upstreamPorts: number[], listen: number, dir: string): string {
  return `
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;

  upstream spor {
${upstreamPorts.map((port) => `    server 127.0.0.1:${port} max_fails=0;`).join("\n")}
    keepalive 16;
  }

  server {
    listen 127.0.0.1:${listen};

    # Spor's largest body: an upload of 20 MB (its own limit, 413 beyond 25 MB).
    client_max_body_size 25m;

    location / {
      proxy_pass http://spor;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Appends the client's address; Spor takes it with SPOR_TRUSTED_PROXIES=1.
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # Exports stream row pages as they are read: pass them on at once, never into a temp file.
      proxy_buffering off;
      # Uploads stream into Spor, which refuses a body over its limit while reading it.
      proxy_request_buffering off;
      proxy_read_timeout 300s;
      # Which instance answered (for the test; leave out in production).
      add_header X-Spor-Upstream $upstream_addr always;
    }
  }`;
}

/** Starts nginx on 127.0.0.1:`listen` balancing round-robin over the given instance ports. */
export async function startNginx(upstreamPorts: number[], listen: number): Promise<RunningNginx> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spor-nginx-"));
  const conf = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {${nginxHttpConfig(upstreamPorts, listen, dir)}
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ["-p", dir, "-c", conf, "-e", path.join(dir, "error.log")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const errors = () => output + (fs.existsSync(path.join(dir, "error.log")) ? fs.readFileSync(path.join(dir, "error.log"), "utf8") : "");
  await waitForPort(listen, child, errors);
  return {
    url: `http://localhost:${listen}`,
    errors,
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGQUIT"); // graceful: finish open requests, then exit
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}):\n${output()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not listen on ${port}:\n${output()}`);
}
