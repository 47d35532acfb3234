// Prints the plain closing line CI reads: "N passed, N failed".
class PassFailReporter {
	onRunComplete(_contexts, results) {
		const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
		process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed\n`);
	}
}
module.exports = PassFailReporter;
