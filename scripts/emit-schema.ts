/**
 * Writes the plugin's GraphQL SDL to schema/azure-relay.graphql (committed; test/plugin/graphql/sdl-drift.test.ts
 * fails when it is stale). Run: npm run schema
 */
import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { relaySdl } from "../server/plugin/graphql/sdl";

const target = join(__dirname, "..", "schema", "azure-relay.graphql");
writeFileSync(target, relaySdl());
console.log(`wrote ${target}`);
