/** Prints the plain closing line CI reads ("tests: N passed, N failed"); a suite that crashes on import counts as failed. */
module.exports = class CiSummaryReporter {
  onRunComplete(_contexts, r) {
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    const skipped = r.numPendingTests + r.numTodoTests;
    const line = `tests: ${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`;
    process.once("exit", () => process.stdout.write(line));
    // A suite that leaves a handle open would keep the process (and this line) from ending; end it ourselves, with
    // jest's own exit status. (2026-11-30: such a handle exists and is not found yet; see the closing note.)
    setTimeout(() => process.exit(failed > 0 ? 1 : 0), 3000);
  }
};
