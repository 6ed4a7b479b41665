/** Prints the plain closing line CI reads ("tests: N passed, N failed"); a suite that crashes on import counts as failed. */
module.exports = class CiSummaryReporter {
  onRunComplete(_contexts, r) {
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    const skipped = r.numPendingTests + r.numTodoTests;
    const line = `tests: ${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`;
    process.once("exit", () => process.stdout.write(line));
  }
};
