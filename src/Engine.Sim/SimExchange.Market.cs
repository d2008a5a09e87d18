using System.Globalization;
using System.Text;
using Engine.Metrics.Reporting;
using Engine.Sim.Market;
using Engine.Sim.Tape;

namespace Engine.Sim;

/// <summary>The market side: exchangeInfo, the tape's frames, the player thread, market sockets and the wire-to-wire histogram.</summary>
public sealed partial class SimExchange
{
    private MarketService? _market;

    /// <summary>The market side once started (null before <see cref="Start"/>).</summary>
    internal MarketService? MarketSide => Volatile.Read(ref _market);

    partial void StartMarket()
    {
        (string json, MarketSymbol[] symbols) = ExchangeInfoBuilder.Build(Tape, TapeClock.WallClockMs);
        ExchangeInfoJson = json;
        var market = new MarketService(this, symbols, FrameStore.Build(Tape, symbols));
        Volatile.Write(ref _market, market);
        market.Player.Start();
    }

    partial void DisposeMarket() => _market?.Dispose();

    partial void MarketRecordOrderReceived(long stopwatchTimestamp) => _market?.OrderReceived(stopwatchTimestamp);

    partial void AddMarketStartupLines(List<string> lines)
    {
        if (_market is MarketService market)
        {
            lines.Add("sim: market streams on /market/ws/<stream> and /market/stream?streams=…: "
                + string.Join(", ", market.Symbols.Select(s => $"{s.StreamName}@aggTrade|@trade|@markPrice@1s")));
        }
    }

    partial void AppendMarketReport(StringBuilder report)
    {
        if (_market is not MarketService market)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        report.Append("## Market data served\n\n");
        report.Append(inv, $"- Steps played: {market.Player.StepsPlayed:N0} of {market.Store.Steps.Length:N0}\n");
        report.Append(inv, $"- Market sockets: {market.Hub.Opened:N0} opened, {market.Hub.Open:N0} open at the end\n");
        foreach (var (reason, count) in market.Hub.ClosedByReason())
        {
            report.Append(inv, $"  - closed, {reason}: {count:N0}\n");
        }

        report.Append("\n| stream | frames sent |\n|---|---:|\n");
        foreach (MarketSymbol symbol in market.Symbols)
        {
            foreach (StreamKind kind in new[] { StreamKind.AggTrade, StreamKind.Trade, StreamKind.MarkPrice1s })
            {
                int stream = (symbol.Index * MarketFrame.KindCount) + (int)kind;
                report.Append(inv, $"| `{StreamNames.Of(symbol, kind)}` | {market.Hub.SentOn(stream):N0} |\n");
            }
        }

        long served = market.Symbols.Sum(s => (long)market.BackfilledIds(s.Index).Count);
        report.Append(inv, $"\n- Backfill (`GET /fapi/v1/aggTrades`): {market.BackfillRequests:N0} requests, {served:N0} distinct aggTrades served\n");
        IReadOnlyList<(string Symbol, long Id)> skipped = market.Player.SkippedAggregates;
        if (skipped.Count > 0)
        {
            report.Append(inv, $"\naggTrades omitted by `{MarketPlayer.Skip}` (recoverable with `GET /fapi/v1/aggTrades`): ");
            report.Append(string.Join(", ", skipped.Take(50).Select(s => $"{s.Symbol} {s.Id}"))).Append(skipped.Count > 50 ? ", …" : "").Append('\n');
        }

        var w2w = market.WireToWireSnapshot();
        report.Append("\n## Wire to wire (last trade frame sent → order received)\n\n");
        report.Append(inv, $"{w2w.TotalCount:N0} orders timed ({market.OrdersBeforeFirstFrame:N0} arrived before any trade frame)");
        if (w2w.TotalCount > 0)
        {
            report.Append(inv, $": p50 {w2w.ValueAtPercentile(50) / 1000.0:F1} µs, p99 {w2w.ValueAtPercentile(99) / 1000.0:F1} µs, max {w2w.MaxValue / 1000.0:F1} µs");
        }

        report.Append(". Distribution in `wire-to-wire.hgrm` (µs).\n\n");
    }

    /// <summary>The market side's files in the report directory: <c>wire-to-wire.hgrm</c>.</summary>
    internal void WriteMarketReportFiles(string directory)
    {
        if (_market is MarketService market)
        {
            using var writer = new StreamWriter(Path.Combine(directory, "wire-to-wire.hgrm"));
            PercentileDistributionWriter.Write(writer, market.WireToWireSnapshot());
        }
    }
}
