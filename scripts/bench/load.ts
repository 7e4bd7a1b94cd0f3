// npm run bench:load -- [--scenarios 20000] [--seconds 60] [--connections 50]
// Load on the production server over HTTP: the demo generator at 20,000 scenarios, then autocannon
// with a mix of list and search pages (70%), scenario pages (20%) and signed-in writes (10%: demand
// members saving new scenario drafts), then the announcement burst (anonymous list, search and
// scenario pages only, in the same 7:2 proportion), then, in the same run, a trivial route (/healthz)
// for comparison. Prints requests/s, latency p50/p99 and errors for each, and their ratios.
// The server runs as `npm start` runs it: PAGE_CACHE=off or COMPRESSION=on in the environment reach it.
import { spawn } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon, { type Request, type Result } from "autocannon";
import { hashPassword } from "~/auth/password.server";
import { benchmarkQueries } from "./queries";
import { seededWorld } from "./world";
import { freePort } from "../free-port";

const { values } = parseArgs({
  options: {
    scenarios: { type: "string", default: "20000" },
    seconds: { type: "string", default: "60" },
    connections: { type: "string", default: "50" },
    // Writes a V8 CPU profile of the server to this directory (open it in Chrome's DevTools).
    profile: { type: "string" },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const PASSWORD = "load-test-password";

const world = await seededWorld(Number(values.scenarios), { vendors: true });
const codes = (await world.db.selectFrom("scenarios").where("code", "is not", null).where("status", "in", ["published", "matched", "piloting", "benchmark"]).select("code").orderBy("id").execute()).map((r) => r.code!);
const writers = (await world.db.selectFrom("users").innerJoin("organisations as o", "o.id", "users.organisation_id")
  .where("users.role", "=", "demand_member").where("o.verified", "=", 1).select("users.email").orderBy("users.id").limit(20).execute()).map((u) => u.email);
await world.db.updateTable("users").set({ password_hash: await hashPassword(PASSWORD) }).where("email", "in", writers).execute();
await world.db.destroy();

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${values.profile}`] : []), "server.js"], {
  env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: world.file, MEILI_HOST: "", SESSION_SECRET: "load-benchmark-secret-load-benchmark-secret" },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  for (let i = 0; i < 200 && !(await fetch(`${baseUrl}/healthz`).then((r) => r.status < 500, () => false)); i++) await new Promise((r) => setTimeout(r, 100));

  const cookies: string[] = [];
  for (const email of writers) {
    const r = await fetch(`${baseUrl}/login`, {
      method: "POST", redirect: "manual",
      headers: { Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: PASSWORD }),
    });
    const cookie = r.headers.get("set-cookie")?.split(";")[0];
    if (r.status !== 302 || !cookie) throw new Error(`sign-in failed for ${email}: ${r.status}`);
    cookies.push(cookie);
  }

  const lists = [
    ...benchmarkQueries().map((q) => `/scenarios?${q.params}`),
    "/scenarios", "/scenarios?page=2", "/scenarios?page=7", "/scenarios?status=published", "/scenarios?domain=industry",
    "/scenarios?district=%E6%B1%9F%E5%AE%81%E5%8C%BA", "/scenarios?venue=hospital", "/scenarios?sort=deadline",
  ];
  let n = 0;
  let m = 0;
  const burst: Request = {
    setupRequest: (request) => {
      const i = m++;
      if (i % 9 < 7) return { ...request, method: "GET", path: lists[(i * 7) % lists.length]! };
      return { ...request, method: "GET", path: `/scenarios/${codes[(i * 31) % codes.length]!}` };
    },
  };
  const mix: Request = {
    setupRequest: (request) => {
      const i = n++;
      const slot = i % 10;
      if (slot < 7) return { ...request, method: "GET", path: lists[(i * 7) % lists.length]! };
      if (slot < 9) return { ...request, method: "GET", path: `/scenarios/${codes[(i * 31) % codes.length]!}` };
      const body = new URLSearchParams({
        intent: "save", submissionKey: `load-benchmark-${process.pid}-${i}`, title: `负载测试草稿 ${i}`, description: "负载测试写入的场景草稿。",
        domain: "livelihood", district: "鼓楼区", cooperationMode: "joint_build", tier: "small_high_value", contactName: "测试",
      }).toString();
      return {
        ...request, method: "POST", path: "/my/scenarios/new", body,
        headers: { Cookie: cookies[i % cookies.length]!, Origin: baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      };
    },
  };

  // A short warm-up so both runs start from a warmed process.
  await autocannon({ url: baseUrl, connections: 10, duration: 5, requests: [mix] });
  const mixed = await autocannon({ url: baseUrl, connections, duration: seconds, requests: [mix] });
  const anonymous = await autocannon({ url: baseUrl, connections, duration: seconds, requests: [burst] });
  const trivial = await autocannon({ url: `${baseUrl}/healthz`, connections, duration: seconds });

  const line = (name: string, r: Result) =>
    `| ${name} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r.requests.total} | ${r["2xx"]} / ${r["3xx"]} / ${r["4xx"]} / ${r["5xx"]} | ${r.errors} / ${r.timeouts} |`;
  console.log(`\n${connections} connections, ${seconds} s each, ${codes.length} public scenarios of ${values.scenarios}\n`);
  console.log("| run | requests/s | p50 ms | p99 ms | requests | 2xx / 3xx / 4xx / 5xx | errors / timeouts |");
  console.log("|---|---|---|---|---|---|---|");
  console.log(line("mix (70% list/search, 20% scenario, 10% signed-in draft)", mixed));
  console.log(line("anonymous burst (78% list/search, 22% scenario)", anonymous));
  console.log(line("trivial route /healthz", trivial));
  console.log(`\npage cache: ${process.env.PAGE_CACHE ?? "on"}; compression: ${process.env.COMPRESSION ?? "off"}; load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log(`mix / trivial: ${(mixed.requests.average / trivial.requests.average).toFixed(3)} of the throughput, p50 ×${(mixed.latency.p50 / Math.max(trivial.latency.p50, 1)).toFixed(1)}`);
  console.log(`anonymous burst / trivial: ${(anonymous.requests.average / trivial.requests.average).toFixed(3)} of the throughput, p50 ×${(anonymous.latency.p50 / Math.max(trivial.latency.p50, 1)).toFixed(1)}`);
} finally {
  server.kill("SIGTERM");
  await world.dispose();
}
