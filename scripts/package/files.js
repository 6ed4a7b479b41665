/** File walking shared by the package build scripts. */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** Every file under `dir` (absolute paths). */
function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

module.exports = { filesUnder };
