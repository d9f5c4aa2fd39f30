// Free ports for servers that were not given one. The OS picks them; this module remembers the
// ones its servers hold so that two servers starting at once are never handed the same port.
import net from "node:net";

export const DEFAULT_HOST = "127.0.0.1";

const reservedPorts = new Set<number>();

/** Marks `port` as used by a server of this process until `releasePort(port)`. */
export function reservePort(port: number): void {
  reservedPorts.add(port);
}

export function releasePort(port: number): void {
  reservedPorts.delete(port);
}

/** A port that is free right now on `host` (bind port 0, read it back, release it). */
export async function getFreePort(host: string = DEFAULT_HOST): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.unref();
      srv.once("error", reject);
      srv.listen({ host, port: 0, exclusive: true }, () => {
        const addr = srv.address();
        const p = typeof addr === "object" && addr ? addr.port : 0;
        srv.close(() => resolve(p));
      });
    }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") return 0;
      throw err;
    });
    if (port && !reservedPorts.has(port)) return port;
  }
  throw new Error(`Could not find a free port on ${host}`);
}
