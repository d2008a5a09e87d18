using System.Globalization;
using System.IO.Compression;
using System.Text;
using Engine.Binance.Archives;
using Engine.Cli;
using Engine.Model;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// Issue 16: an input holding both <c>trade</c> and <c>aggTrade</c> for a symbol replays one of them, never both. The
/// truth is the replay of each stream alone: recorded frames of the bundled sample's 21,313 trades, and of aggregate
/// trades built from them here (consecutive trades with the same time, side and price), interleaved as Binance sends them.
/// </summary>
public sealed class TradeStreamReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-streams-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void BothStreams_ReplaysAggTradeOnly_ByDefault_AndSaysSo()
    {
        var (both, aggOnly, _, aggregates) = WriteInputs();

        var (mixed, mixedOutput) = Replay("mixed", both);
        var (reference, referenceOutput) = Replay("agg", aggOnly);

        Assert.Equal(reference.Aggregated, mixed.Aggregated);
        Assert.Equal(reference.DeltaScout, mixed.DeltaScout);
        string line = "the input holds both aggTrade and trade for BTCUSDT: replayed aggTrade only (Run:TradeStream), 21,313 trade trades left out";
        Assert.Contains(line, mixedOutput);
        Assert.Contains(line, mixed.Report);
        Assert.DoesNotContain("trade streams:", referenceOutput);
        Assert.True(aggregates < CliHarness.SampleTradeCount, "the sample has trades to aggregate");
    }

    [Fact]
    public void BothStreams_ReplaysTradeOnly_WhenConfigured()
    {
        var (both, _, rawOnly, aggregates) = WriteInputs();

        var (mixed, output) = Replay("mixed", both, "--set", "Run:TradeStream=Trade");
        var (reference, _) = Replay("raw", rawOnly);

        Assert.Equal(reference.Aggregated, mixed.Aggregated);
        Assert.Equal(reference.DeltaScout, mixed.DeltaScout);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"replayed trade only (Run:TradeStream), {aggregates:N0} aggTrade trades left out"), output);
    }

    private (string Both, string AggOnly, string RawOnly, int Aggregates) WriteInputs()
    {
        var trades = new List<Trade>();
        using (TradeCsvReader reader = TradeCsvReader.Open(CliHarness.SampleTrades, new SymbolRegistry(["BTCUSDT"]), new SymbolId(0)))
        {
            var slot = default(EngineEvent);
            while (reader.TryReadNext(ref slot))
            {
                trades.Add(slot.Trade);
            }
        }

        Assert.Equal(CliHarness.SampleTradeCount, trades.Count);
        var both = new StringBuilder();
        var aggOnly = new StringBuilder();
        var rawOnly = new StringBuilder();
        long aggId = 1_000_000;
        int aggregates = 0;
        for (int i = 0; i < trades.Count;)
        {
            int end = i + 1;
            while (end < trades.Count && trades[end].TradeTimeMs == trades[i].TradeTimeMs && trades[end].BuyerIsMaker == trades[i].BuyerIsMaker
                && trades[end].Price == trades[i].Price)
            {
                end++;
            }

            long quantity = 0;
            for (int k = i; k < end; k++)
            {
                Trade t = trades[k];
                quantity += t.Quantity.E8;
                string raw = Line(t.TradeTimeMs, k, string.Create(CultureInfo.InvariantCulture,
                    $"{{\"stream\":\"btcusdt@trade\",\"data\":{{\"e\":\"trade\",\"E\":{t.EventTimeMs},\"T\":{t.TradeTimeMs},\"s\":\"BTCUSDT\",\"t\":{t.Id},\"p\":\"{t.Price}\",\"q\":\"{t.Quantity}\",\"X\":\"MARKET\",\"m\":{Bool(t.BuyerIsMaker)}}}}}"));
                both.Append(raw);
                rawOnly.Append(raw);
            }

            Trade first = trades[i];
            string agg = Line(first.TradeTimeMs, end, string.Create(CultureInfo.InvariantCulture,
                $"{{\"stream\":\"btcusdt@aggTrade\",\"data\":{{\"e\":\"aggTrade\",\"E\":{first.EventTimeMs},\"a\":{aggId++},\"s\":\"BTCUSDT\",\"p\":\"{first.Price}\",\"q\":\"{new Quantity(quantity)}\",\"f\":{first.Id},\"l\":{trades[end - 1].Id},\"T\":{first.TradeTimeMs},\"m\":{Bool(first.BuyerIsMaker)}}}}}"));
            both.Append(agg);
            aggOnly.Append(agg);
            aggregates++;
            i = end;
        }

        return (Write("both.gz", both), Write("agg.gz", aggOnly), Write("raw.gz", rawOnly), aggregates);
    }

    private static string Line(long timeMs, int sequence, string json) =>
        string.Create(CultureInfo.InvariantCulture, $"{(timeMs * 1_000_000) + sequence} {json}\n");

    private static string Bool(bool value) => value ? "true" : "false";

    private string Write(string name, StringBuilder text)
    {
        string path = Path.Combine(_dir, name);
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(text.ToString()));
        return path;
    }

    private (RunFiles Files, string Output) Replay(string name, string input, params string[] extra)
    {
        string run = Path.Combine(_dir, name);
        var (exit, output, error) = CliHarness.Run(["replay", input, "--symbol", "BTCUSDT", "--config", CliHarness.SampleConfig, "--out", run, .. extra, .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        Assert.True(exit == ExitCodes.Ok, error);
        return (new RunFiles(run), output);
    }

    private sealed class RunFiles(string directory)
    {
        public string Aggregated { get; } = File.ReadAllText(Path.Combine(directory, "aggregated.csv"));

        public string DeltaScout { get; } = File.ReadAllText(Path.Combine(directory, "deltascout.log"));

        public string Report { get; } = File.ReadAllText(Path.Combine(directory, "report.md"));
    }
}
