import { assertEquals, assertThrows } from "../tests/helpers/assert.ts";
import { ConfigError, loadConfig } from "./config.ts";

Deno.test("loadConfig() applies the documented defaults", () => {
  const config = loadConfig({});

  assertEquals(config.port, 8000);
  assertEquals(config.host, "0.0.0.0");
  assertEquals(config.databaseUrl, undefined);
  assertEquals(config.dataDir, "./data");
  assertEquals(config.registration, "secret");
  assertEquals(config.trustedProxies, []);
});

Deno.test("loadConfig() accepts port 0 for an ephemeral port", () => {
  assertEquals(loadConfig({ PORT: "0" }).port, 0);
});

Deno.test("loadConfig() names the setting and value it rejects", () => {
  const error = assertThrows(
    () => loadConfig({ PORT: "eighty" }),
    ConfigError,
  );
  assertEquals(error.message.includes('PORT has bad value "eighty"'), true);
});

Deno.test("loadConfig() hides the value of a rejected secret", () => {
  const error = assertThrows(
    () => loadConfig({ CEFLEET_ADMIN_PASSWORD: "short" }),
    ConfigError,
  );
  assertEquals(error.message.includes("short"), false);
  assertEquals(error.message.includes("CEFLEET_ADMIN_PASSWORD"), true);
});

Deno.test("loadConfig() says the TLS key is missing when only the certificate is set", () => {
  const error = assertThrows(
    () => loadConfig({ CEFLEET_TLS_CERT: "cert.pem" }),
    ConfigError,
  );
  assertEquals(
    error.message,
    "Setting CEFLEET_TLS_KEY is missing: CEFLEET_TLS_CERT is set, and " +
      "HTTPS needs both a certificate and a key",
  );
});

Deno.test("loadConfig() says the TLS certificate is missing when only the key is set", () => {
  const error = assertThrows(
    () => loadConfig({ CEFLEET_TLS_KEY: "key.pem" }),
    ConfigError,
  );
  assertEquals(
    error.message.startsWith("Setting CEFLEET_TLS_CERT is missing"),
    true,
  );
});

Deno.test("loadConfig() splits trusted proxies on commas", () => {
  const config = loadConfig({
    CEFLEET_TRUSTED_PROXIES: "10.0.0.1, 10.1.0.0/16",
  });
  assertEquals(config.trustedProxies, ["10.0.0.1", "10.1.0.0/16"]);
});

Deno.test("loadConfig() takes the public URL endpoints use, without a final slash", () => {
  assertEquals(
    loadConfig({ CEFLEET_PUBLIC_URL: "https://ce.example.org/" }).publicUrl,
    "https://ce.example.org",
  );
  const error = assertThrows(
    () => loadConfig({ CEFLEET_PUBLIC_URL: "ce.example.org" }),
    ConfigError,
  );
  assertEquals(
    error.message.includes('CEFLEET_PUBLIC_URL has bad value "ce.example.org"'),
    true,
  );
});
