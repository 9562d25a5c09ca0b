import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientIp, parseTrustedProxies, resolveClientIp } from "@/lib/http/client-ip";
import { createRequestGuard, MAX_ACTION_BYTES, MAX_REQUEST_BYTES, REFUSED_LINGER_MS } from "@/lib/server/request-guard.mjs";

// What Spor's web server does before Next.js sees a request (lib/server/http-server.mjs), on a real
// HTTP server and real sockets: the client's address comes from the socket (or the trusted proxies'
// X-Forwarded-For entry), never from a header the client wrote, and oversized bodies are refused.

const servers: http.Server[] = [];
afterEach(async () => {
  // closeAllConnections: refused connections linger (see the last test) and would hold close() up.
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => (s.close(resolve), s.closeAllConnections()))));
});

/** A server that runs the guard, then answers with the address the app would see and the bytes it read. */
async function serve(trustedProxies: number): Promise<string> {
  const guard = createRequestGuard({ trustedProxies });
  const server = http.createServer((req, res) => {
    if (!guard(req, res)) return;
    // The app's own limit (lib/http/limited-body.ts) answers 413 while the body still streams.
    if (req.url === "/early") return void res.writeHead(413).end("{}");
    let bytes = 0;
    req.on("data", (chunk: Buffer) => (bytes += chunk.length));
    req.on("end", () => {
      const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
      res.end(JSON.stringify({ ip: clientIp(headers), bytes }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the client address", () => {
  it("is the socket's address, whatever the client writes in X-Forwarded-For or x-spor-client-ip", async () => {
    const url = await serve(0);
    const response = await fetch(url, { headers: { "x-forwarded-for": "203.0.113.9", "x-spor-client-ip": "198.51.100.7" } });
    expect((await response.json()).ip).toBe("127.0.0.1");
  });

  it("is the entry the trusted proxy appended, not one the client put before it", async () => {
    const url = await serve(1);
    // nginx with proxy_add_x_forwarded_for appends the address it saw: the client's spoofed entry stays left.
    const response = await fetch(url, { headers: { "x-forwarded-for": "203.0.113.9, 192.0.2.44", "x-spor-client-ip": "198.51.100.7" } });
    expect((await response.json()).ip).toBe("192.0.2.44");
    const direct = await fetch(url, { headers: { "x-spor-client-ip": "198.51.100.7" } });
    expect((await direct.json()).ip).toBe("127.0.0.1");
  });

  it("counts trusted hops from the right and normalises IPv4-mapped addresses", () => {
    expect(resolveClientIp("::ffff:10.0.0.2", undefined, 0)).toBe("10.0.0.2");
    expect(resolveClientIp("10.0.0.2", "1.1.1.1, 2.2.2.2, 3.3.3.3", 2)).toBe("2.2.2.2");
    expect(resolveClientIp("10.0.0.2", "3.3.3.3", 2)).toBe("3.3.3.3");
    expect(resolveClientIp("10.0.0.2", ["1.1.1.1", "2.2.2.2"], 1)).toBe("2.2.2.2");
    expect(resolveClientIp("10.0.0.2", " , ", 1)).toBe("10.0.0.2");
    expect(resolveClientIp(undefined, undefined, 0)).toBeNull();
  });

  it("reads SPOR_TRUSTED_PROXIES as a small whole number and refuses anything else", () => {
    expect(parseTrustedProxies(undefined)).toBe(0);
    expect(parseTrustedProxies(" 2 ")).toBe(2);
    for (const bad of ["-1", "1.5", "yes", "11"]) expect(() => parseTrustedProxies(bad)).toThrow(/SPOR_TRUSTED_PROXIES/);
  });
});

describe("the body limit", () => {
  it("refuses at once, in Danish, a request that announces more than 25 MB, without reading it", async () => {
    const url = new URL(await serve(0));
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        { host: url.hostname, port: url.port, method: "POST", path: "/api/x", headers: { "content-length": MAX_REQUEST_BYTES + 1 } },
        (res) => {
          let body = "";
          res.on("data", (chunk) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      request.on("error", reject);
      request.write("a few bytes, not 25 MB"); // the server answers without waiting for the rest
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toBe("Forespørgslen er for stor; grænsen er 25 MB.");
  });

  it("answers a server action over 1 MB with 413 and a chunked one with 411, at once and in Danish", async () => {
    const url = new URL(await serve(0));
    const post = (headers: Record<string, string | number>) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(
          { host: url.hostname, port: url.port, method: "POST", path: "/login", headers: { "next-action": "abc", ...headers } },
          (res) => {
            let body = "";
            res.on("data", (chunk) => (body += chunk));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        request.on("error", reject);
        request.write("a few bytes"); // the server answers without waiting for the rest
      });
    const tooLarge = await post({ "content-length": MAX_ACTION_BYTES + 1 });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error).toMatch(/grænsen er 1 MB/);
    const chunked = await post({ "transfer-encoding": "chunked" });
    expect(chunked.status).toBe(411);
    const small = await fetch(url, { method: "POST", headers: { "next-action": "abc" }, body: "x".repeat(1000) });
    expect(small.status).toBe(200);
  });

  it.each([
    ["refused here for its announced size", "/api/x", `content-length: ${MAX_REQUEST_BYTES * 4}`],
    ["answered early by the app while it streams chunked", "/early", "transfer-encoding: chunked"],
  ])("keeps a connection whose body was %s open while the client still sends, then cuts it", async (_case, path, header) => {
    // A connection closed right after the answer turns the client's next write into a reset, and a
    // client busy writing then reports a broken pipe instead of the 413 (CI's abuse suite saw this).
    const url = new URL(await serve(0));
    // Half-open, as an HTTP client is: the server's FIN after the answer does not end our sending.
    const socket = net.connect({ port: Number(url.port), host: url.hostname, allowHalfOpen: true });
    socket.on("error", () => {});
    const started = Date.now();
    let answer = "";
    let answeredAt = 0;
    let writeFailedAt = 0;
    socket.on("data", (d: Buffer) => {
      answer += d.toString("utf8");
      answeredAt ||= Date.now();
    });
    const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(Date.now())));
    socket.write(`POST ${path} HTTP/1.1\r\nhost: x\r\n${header}\r\n\r\n`);
    // Go on sending, slowly, as a client on a real network would, until the server cuts the connection.
    const sender = setInterval(() => {
      if (socket.destroyed) return clearInterval(sender);
      const data = Buffer.alloc(16 * 1024, "a");
      socket.write(header.startsWith("transfer") ? Buffer.concat([Buffer.from("4000\r\n"), data, Buffer.from("\r\n")]) : data, (error) => {
        if (error) writeFailedAt ||= Date.now();
      });
    }, 50);
    const closedAt = await closed;
    clearInterval(sender);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answeredAt - started).toBeLessThan(REFUSED_LINGER_MS);
    // Open for the linger time after the answer (not closed with it), and closed by the server after it.
    expect(closedAt - answeredAt).toBeGreaterThanOrEqual(REFUSED_LINGER_MS - 100);
    expect(closedAt - started).toBeLessThan(REFUSED_LINGER_MS * 4);
    if (writeFailedAt) expect(writeFailedAt - answeredAt).toBeGreaterThanOrEqual(REFUSED_LINGER_MS - 100);
  });

  it("lets a body of the allowed size through", async () => {
    const url = await serve(0);
    const response = await fetch(url, { method: "POST", body: "x".repeat(1000) });
    expect(response.status).toBe(200);
    expect((await response.json()).bytes).toBe(1000);
  });
});
