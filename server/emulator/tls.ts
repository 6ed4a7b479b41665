/** TLS material: given PEMs, or a self-signed certificate for 127.0.0.1/localhost generated at start. */
import { generate } from "selfsigned";

export interface TlsMaterial {
  cert: string;
  key: string;
  /** The certificate clients should trust (`ca` option / NODE_EXTRA_CA_CERTS); set when self-signed. */
  caCert?: string;
}

export async function resolveTls(option: { cert: string; key: string } | "self-signed"): Promise<TlsMaterial> {
  if (option !== "self-signed") return { cert: option.cert, key: option.key };
  const pems = await generate([{ name: "commonName", value: "Azure Relay emulator" }], {
    keyType: "ec", // fast to generate, unlike RSA
    curve: "P-256",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }, { type: 2, value: "localhost" }] },
    ],
  });
  return { cert: pems.cert, key: pems.private, caCert: pems.cert };
}
