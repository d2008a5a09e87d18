using Engine.Cli.Run;

namespace Engine.Tests.Cli.Run;

/// <summary>Issue 13: the verdict a report leads with, from hand-made summaries.</summary>
public sealed class RunVerdictTests
{
    private static RunSummary Paced(long p9999Ns, long maxNs, double budgetMs = 100) => new()
    {
        Symbol = "BTCUSDT", Trades = 21_313, Rows = 344, Bars = 242, Signals = 5, SignalsAdmitted = 3, Orders = 23, Fills = 25,
        PositionsClosed = 3, WinningPositions = 1, RealizedPnl = 3.01m, FeesPaid = 24.98m, NetPnl = -21.97m, Speed = 20,
        LatencyBudgetMs = budgetMs,
        LatencyNs = new LatencyFigures { P50 = 4_000, P99 = 30_000, P999 = 90_000, P9999 = p9999Ns, Max = maxNs, Count = 19_314 },
    };

    [Fact]
    public void Budget_MaxWithinIt_Held()
    {
        var lines = RunVerdict.ConsoleLines(Paced(p9999Ns: 412_000, maxNs: 1_230_000));

        Assert.Equal("Latency: budget of 100 ms held: end-to-end p99.99 412 µs, max 1.23 ms over 19,314 timed events.", lines[0]);
        Assert.Equal("Trading: 5 signals (3 admitted), 23 orders, 25 fills, 3 positions closed (1 winning); net PnL -21.97 (realized 3.01, fees 24.98).", lines[1]);
        Assert.Equal("Problems: none: no malformed lines, no trades of other symbols, both rings never full", lines[2]);
        Assert.Equal(3, lines.Count);
    }

    [Fact]
    public void Budget_P9999Beyond_Blown()
    {
        var lines = RunVerdict.ConsoleLines(Paced(p9999Ns: 150_000_000, maxNs: 352_000_000));

        Assert.Equal("Latency: budget of 100 ms BLOWN: end-to-end p99.99 150 ms, max 352 ms over 19,314 timed events.", lines[0]);
    }

    [Fact]
    public void Budget_OnlyMaxBeyond_HeldAtP9999NotAtMax()
    {
        var lines = RunVerdict.ConsoleLines(Paced(p9999Ns: 2_000_000, maxNs: 2_000_000, budgetMs: 1.5));

        Assert.StartsWith("Latency: budget of 1.5 ms BLOWN", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Latency: budget of 1.5 ms held at p99.99 but not at the maximum: end-to-end p99.99 1 ms, max 2 ms",
            RunVerdict.ConsoleLines(Paced(p9999Ns: 1_000_000, maxNs: 2_000_000, budgetMs: 1.5))[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AsFastAsPossible_NotHeldAgainstTheBudget_EndToEndIsTheBacklog()
    {
        string line = RunVerdict.ConsoleLines(Paced(350_000_000, 352_000_000) with { Speed = null })[0];

        Assert.Equal(
            "Latency: not held against the 100 ms budget: as fast as possible, end-to-end (p99.99 350 ms, max 352 ms over 19,314 timed events) is the input backlog, not the engine's latency; replay with --speed (e.g. 20) for latency under a realistic load.",
            line);
    }

    [Fact]
    public void BadLinesAndOtherSymbols_EachAProblemLine_SayingWhy()
    {
        RunSummary s = Paced(412_000, 1_230_000) with
        {
            MalformedLines = 12,
            UnknownSymbolEvents = 12_345,
            SkippedSymbols = [new SkippedSymbol("/data/ETHUSDT-trades-2024-08-08.csv", "ETHUSDT", 12_345)],
            InputRingFullCount = 3,
            LateTrades = 7,
        };

        var lines = RunVerdict.ConsoleLines(s);

        Assert.Equal(
        [
            "Problem: 12,345 trades skipped: symbol 'ETHUSDT' (from the file name ETHUSDT-trades-2024-08-08.csv) is not the run's symbol BTCUSDT; name the file's symbol with --symbol (e.g. --symbol ETHUSDT) or set Symbol:Name.",
            "Problem: 12 malformed input lines skipped (which and why: Warnings in report.md).",
            "Problem: input ring full 3×: the engine fell a whole ring behind the feed.",
            "Problem: 7 trades arrived after their interval's row was written (late: in no row).",
        ], lines.Skip(2));
    }

    [Fact]
    public void NothingOfTheRunsSymbol_SaysNothingTraded()
    {
        var s = new RunSummary
        {
            Symbol = "BTCUSDT", UnknownSymbolEvents = 2, LatencyNs = new LatencyFigures { P9999 = 900, Max = 900, Count = 1 },
            SkippedSymbols = [new SkippedSymbol("ETHUSDT-trades-x.csv", "ETHUSDT", 2)], Speed = 20,
        };

        var lines = RunVerdict.ConsoleLines(s);

        Assert.Equal("Trading: nothing traded: no trade of the run's symbol BTCUSDT reached the engine.", lines[1]);
        Assert.StartsWith("Problem: 2 trades skipped: symbol 'ETHUSDT'", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(820, "820 ns")]
    [InlineData(41_234, "41.2 µs")]
    [InlineData(1_234_567, "1.23 ms")]
    [InlineData(100_000_000, "100 ms")]
    [InlineData(2_050_000_000, "2.05 s")]
    public void Duration_ThreeSignificantDigitsInTheReadableUnit(long nanos, string expected) =>
        Assert.Equal(expected, RunVerdict.Duration(nanos));
}
