using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Engine.Benchmarks;

internal static class Program
{
    /// <summary>Runs the selected suites; exits 1 when any benchmark failed to build, run or validate (CI relies on it).</summary>
    private static int Main(string[] args)
    {
        IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        bool failed = false;
        foreach (Summary summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                Console.Error.WriteLine($"benchmarks: {summary.Title}: critical validation errors");
                failed = true;
            }

            foreach (BenchmarkReport report in summary.Reports)
            {
                if (!report.Success)
                {
                    Console.Error.WriteLine($"benchmarks: {report.BenchmarkCase.DisplayInfo} failed");
                    failed = true;
                }
            }
        }

        return failed ? 1 : 0;
    }
}
