using Engine.Model;
using Engine.Sim.Faults;
using Engine.Sim.Tape;

namespace Engine.Sim;

/// <summary>
/// The state of one simulated exchange: its options, tape, tape clock, faults and their counters. The market side
/// (<c>Market/</c>, <c>SimExchange.Market.cs</c>) and the trading side (<c>Trading/</c>, <c>SimExchange.Trading.cs</c>)
/// add their own parts to this partial class. One instance per <see cref="SimServer"/>.
/// </summary>
public sealed partial class SimExchange : IDisposable
{
    private readonly TaskCompletionSource _tapeEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SimExchange(SimOptions options, SimTape tape, SimFaults? faults = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tape);
        Options = options;
        Tape = tape;
        Faults = faults ?? new SimFaults();
        Clock = new TapeClock(tape.FirstTradeTimeMs, options.Speed);
        if (options.NoWait)
        {
            Clock.Start();
        }
    }

    public SimOptions Options { get; }

    public SimTape Tape { get; }

    public TapeClock Clock { get; }

    /// <summary>The faults in force; sections may be replaced while running (admin endpoint).</summary>
    public SimFaults Faults { get; }

    public FaultCounters FaultsInjected { get; } = new();

    /// <summary>Completes when the tape's last trade has been played.</summary>
    public Task TapeEnded => _tapeEnded.Task;

    /// <summary>The server's wall clock as a client sees it: Unix ms plus the <c>Clock:SkewMs</c> fault.</summary>
    public long ServerTimeMs => TapeClock.WallClockMs + Faults.Clock.SkewMs;

    /// <summary>Called by the market player when the tape is over.</summary>
    internal void MarkTapeEnded() => _tapeEnded.TrySetResult();

    public void Dispose()
    {
        DisposeMarket();
        DisposeUser();
        DisposeTrading();
    }

    /// <summary>Starts the background parts (tape player, user-stream timers); called once by <see cref="SimServer"/> when listening.</summary>
    internal void Start()
    {
        StartMarket();
        StartTrading();
        StartUser();
    }

    /// <summary>Lines <c>engine sim</c> prints after the listening line (e.g. the default test account).</summary>
    public IReadOnlyList<string> StartupLines()
    {
        var lines = new List<string>();
        AddMarketStartupLines(lines);
        AddTradingStartupLines(lines);
        return lines;
    }

    /// <summary>The report's sections of each side, Markdown.</summary>
    internal void AppendReport(System.Text.StringBuilder report)
    {
        AppendMarketReport(report);
        AppendTradingReport(report);
        AppendUserReport(report);
    }

    /// <summary>
    /// The exchangeInfo document the sim serves (symbols, filters, <c>rateLimits</c>). Owned by the market side, which
    /// sets it before <see cref="Start"/>; the trading side reads its filters and limits from it in StartTrading.
    /// </summary>
    public string ExchangeInfoJson { get; internal set; } = "";

    /// <summary>
    /// Called by the market player on its thread for every trade it plays, before the trade's frames are sent: the
    /// trading side matches resting orders against it and marks positions.
    /// </summary>
    internal void OnTapeTrade(in Trade trade) => TradingOnTapeTrade(in trade);

    /// <summary>
    /// Called by the trading side (REST or WS API) when a new order request arrives, with its
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp: the market side records wire-to-wire latency (last trade
    /// frame sent to order received).
    /// </summary>
    internal void RecordOrderReceived(long stopwatchTimestamp) => MarketRecordOrderReceived(stopwatchTimestamp);

    /// <summary>
    /// Called by the trading desk for every user-data event (<c>ORDER_TRADE_UPDATE</c>, <c>TRADE_LITE</c>,
    /// <c>ACCOUNT_UPDATE</c>, <c>ALGO_UPDATE</c>, …) of the account with <paramref name="apiKey"/>, as the UTF-8 JSON
    /// Binance sends: the user-stream side delivers it to that account's live listenKeys.
    /// </summary>
    internal void PublishUserEvent(string apiKey, string eventType, ReadOnlyMemory<byte> json) => UserPublish(apiKey, eventType, json);

    partial void TradingOnTapeTrade(in Trade trade);

    partial void MarketRecordOrderReceived(long stopwatchTimestamp);

    partial void UserPublish(string apiKey, string eventType, ReadOnlyMemory<byte> json);

    partial void AddMarketStartupLines(List<string> lines);

    partial void AddTradingStartupLines(List<string> lines);

    partial void AppendMarketReport(System.Text.StringBuilder report);

    partial void AppendTradingReport(System.Text.StringBuilder report);

    partial void StartMarket();

    partial void StartTrading();

    partial void DisposeMarket();

    partial void DisposeTrading();

    /// <summary>The user-data stream and WS API side (<c>SimExchange.User.cs</c>).</summary>
    partial void StartUser();

    partial void DisposeUser();

    partial void AppendUserReport(System.Text.StringBuilder report);
}
