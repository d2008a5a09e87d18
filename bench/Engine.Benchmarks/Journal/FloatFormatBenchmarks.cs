using System.Globalization;
using BenchmarkDotNet.Attributes;
using Engine.Cli.Journal;

namespace Engine.Benchmarks.Journal;

// What does one double cost in bars.csv (Python's repr) against the BCL's own shortest round-trip text ("R")?
// The values are what a bar's indicators hold: prices near 62,000 with all 17 significant digits, and RSI-like 0-100.
[MemoryDiagnoser]
public class FloatFormatBenchmarks
{
    private const int Count = 1024;

    private readonly double[] _values = new double[Count];
    private readonly byte[] _buffer = new byte[64];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        for (int i = 0; i < Count; i++)
        {
            _values[i] = i % 4 == 3 ? rng.NextDouble() * 100 : 60_000 + (rng.NextDouble() * 5_000);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int BclRoundTrip()
    {
        int total = 0;
        foreach (double v in _values)
        {
            v.TryFormat(_buffer, out int written, "R", CultureInfo.InvariantCulture);
            total += written;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int PythonRepr()
    {
        int total = 0;
        foreach (double v in _values)
        {
            PythonFloatFormat.TryFormat(v, _buffer, out int written);
            total += written;
        }

        return total;
    }
}
